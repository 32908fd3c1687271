# `make setup`: installs whatever is missing, once (see tools/setup.sh).
setup: build/.setup-done
build/.setup-done: tools/setup.sh package.json package-lock.json
	@mkdir -p build
	sh tools/setup.sh
	@touch $@
