// @ts-check
// `make bless`: rewrites every reference case's expected files from
// build/wasmbind (harness.mjs says which), the runtime's text stripped, and
// deletes the expected files a case no longer has (an empty .stderr). A
// case whose generation ends with another status than the header expects
// is not blessed: the command fails, naming it. CI never runs this.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, SUFFIXES, exitOf, expectedSuffixes, listCases, runCase } from './harness.mjs';

if (process.env.CI) {
  console.error('bless: refusing to run under CI: expected files are reviewed changes');
  process.exit(2);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wasmbind-bless-'));
let failed = 0;
try {
  for (const c of listCases()) {
    const r = runCase(c, scratch);
    const want = exitOf(c.text);
    if (r.status !== want || (want === 0 && r.irStatus !== 0)) {
      console.error(`bless: ${c.header}: gen exited ${r.status}${r.irStatus === null ? '' : `, ir ${r.irStatus}`}, expected ${want}:\n${r.files['.stderr']}${r.files['.ir.stderr'] ?? ''}`);
      failed++;
      continue;
    }
    const keep = expectedSuffixes(c, r.files);
    for (const s of SUFFIXES) {
      const file = path.join(ROOT, c.stem + s);
      if (keep.includes(s)) fs.writeFileSync(file, r.files[s]);
      else fs.rmSync(file, { force: true });
    }
    console.log(`bless: ${c.header} (${keep.join(' ')})`);
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
if (failed) {
  console.error(`bless: ${failed} case(s) not blessed`);
  process.exit(1);
}
