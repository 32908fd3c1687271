// @ts-check
// The argon2 example's test scenario, run by Node (tests/examples/argon2.test.mjs,
// with node:test and node:assert) and by a browser page (examples/argon2/index.html,
// with the page's own checks): the same calls through the same generated
// bindings, build/examples/argon2/argon2.js, to the same argon2.wasm.
//
//   runSuite(lib, t, refs)   lib: what load() returned; t: the harness, with
//     t.test(name, fn)             registers a test (fn may be async)
//     t.equal(actual, expected, message?)       strict (Object.is)
//     t.deepEqual(actual, expected, message?)   deep and strict, typed arrays included
//     t.ok(value, message?)
//   refs: what Debian's argon2 command (/usr/bin/argon2, a native build of
//     the same algorithm, independent of this one) printed for CASES and
//     CLI_ERRORS: cliReferences(spawnSync) in Node, passed to the page by
//     tests/browser/argon2.test.mjs since a browser cannot run it.
//
// Every expected hash comes from that command or from RFC 9106 (its test
// vectors, for the secret and associated data the command cannot take), never
// from this library's own output.
//
// The JS API is the one examples/argon2/argon2.rules asks of the generator:
// passwords and salts are bytes whose lengths C gets, raw hashes and encoded
// strings are results (the binding allocates the buffers), and a result other
// than ARGON2_OK throws lib.Argon2Error with argon2_error_message's text.

/** @typedef {{ test(name: string, fn: () => unknown): unknown, equal(a: unknown, b: unknown, message?: string): void,
 *   deepEqual(a: unknown, b: unknown, message?: string): void, ok(value: unknown, message?: string): void }} Harness */
/** @typedef {{ hashes: Record<string, { raw: string, encoded: string }>, errors: Record<string, string>, tool: string }} References */
/** @typedef {{ type: 'd' | 'i' | 'id', version: 16 | 19, t: number, m: number, p: number, len: number,
 *   pwd: string, salt: string, as?: 'ArrayBuffer' | 'DataView' | 'Int16Array' }} Case */

/** The hashes compared with the command's: every type and version, t 1..5,
 * m 8 KiB..64 MiB, p 1..4, 4..64 bytes; passwords (UTF-8 of these strings)
 * with NUL bytes, non-ASCII text, control characters; salts in UTF-8. `as`:
 * the password is passed as that kind of buffer instead of a Uint8Array.
 * (The command reads at most 127 password bytes, and none is not allowed.)
 * @type {Case[]} */
export const CASES = [
  { type: 'id', version: 0x13, t: 2, m: 64, p: 1, len: 32, pwd: 'password', salt: 'somesalt' },
  { type: 'i', version: 0x13, t: 3, m: 256, p: 2, len: 16, pwd: 'pass\0word', salt: 'saltsaltsalt', as: 'ArrayBuffer' },
  { type: 'd', version: 0x13, t: 1, m: 4096, p: 4, len: 64, pwd: 'pässwörd 🔑', salt: 'sél de Guérande' },
  { type: 'id', version: 0x10, t: 1, m: 32, p: 4, len: 4, pwd: '\0', salt: 'salt1234' },
  { type: 'i', version: 0x10, t: 4, m: 128, p: 3, len: 24, pwd: 'x'.repeat(100), salt: 'a longer salt, with spaces', as: 'DataView' },
  { type: 'd', version: 0x10, t: 2, m: 1024, p: 1, len: 33, pwd: '密码', salt: 'Salz ✓ UTF-8' },
  { type: 'id', version: 0x13, t: 1, m: 8, p: 1, len: 5, pwd: 'a', salt: '12345678' },
  { type: 'i', version: 0x13, t: 1, m: 2048, p: 2, len: 48, pwd: 'tab\tnewline\n\0\0ends', salt: 'NaCl NaCl', as: 'Int16Array' },
  { type: 'd', version: 0x13, t: 5, m: 16, p: 2, len: 8, pwd: '\u00ff\u0080\u0001', salt: '........' },
  { type: 'id', version: 0x10, t: 3, m: 512, p: 4, len: 64, pwd: 'correct horse battery staple', salt: 'sodium chloride' },
  { type: 'i', version: 0x10, t: 1, m: 8, p: 1, len: 4, pwd: ' ', salt: '\u00a0\u00a0\u00a0\u00a0' },
  { type: 'id', version: 0x13, t: 1, m: 65536, p: 1, len: 32, pwd: 'sixty-four mebibytes', salt: 'big memory' },
];

/** A case's name, which keys its reference. @param {Case} c */
export const caseName = (c) =>
  `argon2${c.type} v${c.version === 0x10 ? '1.0' : '1.3'} t=${c.t} m=${c.m} KiB p=${c.p}, ${c.len} bytes, password ${
    c.pwd.length > 30 ? `${JSON.stringify(c.pwd.slice(0, 10))}… (${c.pwd.length} characters)` : JSON.stringify(c.pwd)}`;

/** Failures the command reports with the library's message, and the same
 * mistake through the bindings: [salt, more arguments, code]. */
export const CLI_ERRORS = {
  'salt too short': { salt: 'short', args: [], code: -6 },
  'output too short': { salt: 'somesalt', args: ['-l', '3'], code: -2 },
  'memory too small': { salt: 'somesalt', args: ['-k', '4'], code: -14 },
};

const ARGON2 = '/usr/bin/argon2';

/** Runs Debian's argon2 command for every case and error: what runSuite
 * compares with. spawnSync is node:child_process's (passed in, so that this
 * module loads in a browser).
 * @param {(cmd: string, args: string[], options: { input: Uint8Array }) => { status: number | null, stdout: unknown, stderr: unknown }} spawnSync
 * @returns {References} */
export function cliReferences(spawnSync) {
  const enc = new TextEncoder();
  /** @type {References} */
  const refs = { hashes: {}, errors: {}, tool: ARGON2 };
  for (const c of CASES) {
    const args = [c.salt, `-${c.type}`, '-t', `${c.t}`, '-k', `${c.m}`, '-p', `${c.p}`, '-l', `${c.len}`,
      '-v', c.version === 0x10 ? '10' : '13'];
    const r = spawnSync(ARGON2, args, { input: enc.encode(c.pwd) });
    const out = String(r.stdout);
    const raw = /^Hash:\s+([0-9a-f]+)$/m.exec(out)?.[1];
    const encoded = /^Encoded:\s+(\S+)$/m.exec(out)?.[1];
    if (r.status !== 0 || !raw || !encoded) throw new Error(`${ARGON2} ${args.join(' ')}: status ${r.status}: ${out}${r.stderr}`);
    refs.hashes[caseName(c)] = { raw, encoded };
  }
  for (const [name, { salt, args }] of Object.entries(CLI_ERRORS)) {
    const r = spawnSync(ARGON2, [salt, ...args], { input: enc.encode('password') });
    const message = /^Error: (.*)$/m.exec(String(r.stderr))?.[1];
    if (r.status === 0 || !message) throw new Error(`${ARGON2} ${salt} ${args.join(' ')}: expected an error: ${r.stderr}`);
    refs.errors[name] = message;
  }
  return refs;
}

/** @param {Uint8Array} bytes */
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** RFC 9106, section 5: the test vectors, with a secret and associated data
 * (t=3, m=32 KiB, p=4, version 0x13, 32-byte tags). */
const RFC9106 = {
  pwd: new Uint8Array(32).fill(1), salt: new Uint8Array(16).fill(2),
  secret: new Uint8Array(8).fill(3), ad: new Uint8Array(12).fill(4),
  tags: {
    d: '512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb',
    i: 'c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8',
    id: '0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659',
  },
};

/** @param {any} lib @param {Harness} t @param {References | null | undefined} refs */
export function runSuite(lib, t, refs) {
  const enc = new TextEncoder();
  /** @param {'d' | 'i' | 'id'} type */
  const typeOf = (type) => ({ d: lib.Argon2_d, i: lib.Argon2_i, id: lib.Argon2_id })[type];

  /** Calls fn, which must throw an instance of type whose properties match
   * props (a RegExp tests a string property); returns what was thrown.
   * @param {() => unknown} fn @param {Function} type @param {Record<string, unknown>} [props] */
  function raises(fn, type, props = {}) {
    /** @type {any} */
    let error;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    t.ok(error !== undefined, `expected a ${type.name}, nothing was thrown`);
    t.ok(error instanceof type, `expected a ${type.name}, got ${error?.constructor?.name}: ${error?.message}`);
    for (const [key, want] of Object.entries(props)) {
      if (want instanceof RegExp) t.ok(want.test(error[key]), `${key}: ${JSON.stringify(error[key])} does not match ${want}`);
      else t.equal(error[key], want, `${key} of the ${type.name}`);
    }
    return error;
  }

  /** The command's results for a case. @param {Case} c */
  function reference(c) {
    const r = refs?.hashes?.[caseName(c)];
    if (!r) throw new Error(`no reference hash from ${ARGON2} for ${caseName(c)} (the page gets them from tests/browser/argon2.test.mjs)`);
    return r;
  }

  /** The password as the case passes it: a Uint8Array, or its bytes in another buffer.
   * @param {Case} c @returns {ArrayBuffer | ArrayBufferView} */
  function password(c) {
    const bytes = enc.encode(c.pwd);
    if (c.as === 'ArrayBuffer') return bytes.slice().buffer;
    if (c.as === 'DataView') return new DataView(bytes.slice().buffer);
    if (c.as === 'Int16Array') { // an even length: the bytes of 16-bit elements
      const copy = new Uint8Array(bytes.length + (bytes.length & 1));
      copy.set(bytes);
      if (copy.length !== bytes.length) throw new Error(`${caseName(c)}: an odd length cannot be an Int16Array`);
      return new Int16Array(copy.buffer);
    }
    return bytes;
  }

  t.test('constants, enums and the library\'s variable', () => {
    t.deepEqual([lib.Argon2_d, lib.Argon2_i, lib.Argon2_id], [0, 1, 2]);
    t.deepEqual(lib.argon2_type, { Argon2_d: 0, Argon2_i: 1, Argon2_id: 2 });
    t.ok(Object.isFrozen(lib.argon2_type), 'enums are frozen');
    t.deepEqual([lib.ARGON2_VERSION_10, lib.ARGON2_VERSION_13, lib.ARGON2_VERSION_NUMBER], [0x10, 0x13, 0x13]);
    t.deepEqual([lib.ARGON2_OK, lib.ARGON2_SALT_TOO_SHORT, lib.ARGON2_VERIFY_MISMATCH], [0, -6, -35]);
    t.deepEqual([lib.ARGON2_MIN_OUTLEN, lib.ARGON2_MIN_SALT_LENGTH, lib.ARGON2_SYNC_POINTS, lib.ARGON2_MIN_MEMORY], [4, 8, 4, 8]);
    t.equal(lib.ARGON2_MAX_OUTLEN, 0xffffffff);
    // ARGON2_MAX_MEMORY_BITS: min(32, sizeof(void *) * CHAR_BIT - 10 - 1) for wasm32
    t.equal(lib.ARGON2_MAX_MEMORY_BITS, 21);
    t.equal(lib.ARGON2_FLAG_CLEAR_SECRET, 2);
    // extern int FLAG_clear_internal_memory; (core.c sets it to 1)
    t.equal(lib.FLAG_clear_internal_memory, 1);
  });

  t.test('argon2_type2string and argon2_error_message', () => {
    t.deepEqual([0, 1, 2].map((ty) => lib.argon2_type2string(ty, 0)), ['argon2d', 'argon2i', 'argon2id']);
    t.deepEqual([0, 1, 2].map((ty) => lib.argon2_type2string(ty, 1)), ['Argon2d', 'Argon2i', 'Argon2id']);
    t.equal(lib.argon2_type2string(7, 0), null, 'NULL for an unknown type');
    t.equal(lib.argon2_error_message(lib.ARGON2_OK), 'OK');
    t.equal(lib.argon2_error_message(lib.ARGON2_VERIFY_MISMATCH), 'The password does not match the supplied hash');
    for (let code = 0; code >= -35; code--) t.equal(typeof lib.argon2_error_message(code), 'string', `code ${code}`);
    t.equal(lib.argon2_error_message(-36), 'Unknown error code');
  });

  for (const c of CASES) {
    const name = caseName(c);
    const type = typeOf(c.type);
    const salt = enc.encode(c.salt);

    t.test(`${name}: the raw hash`, () => {
      const want = reference(c).raw;
      if (c.version === 0x13) {
        const hash = lib[`argon2${c.type}_hash_raw`](c.t, c.m, c.p, password(c), salt, c.len);
        t.ok(hash instanceof Uint8Array, 'a Uint8Array');
        t.equal(hex(hash), want, `argon2${c.type}_hash_raw`);
      }
      const { hash } = lib.argon2_hash(c.t, c.m, c.p, password(c), salt, c.len, type, c.version);
      t.equal(hex(hash), want, 'argon2_hash');
      if (c.m >= 65536) t.ok(lib.memory.buffer.byteLength >= c.m * 1024, 'the memory grew for the blocks');
    });

    t.test(`${name}: the encoded hash`, () => {
      const want = reference(c).encoded;
      const size = lib.argon2_encodedlen(c.t, c.m, c.p, salt.length, c.len, type);
      t.equal(size, want.length + 1, 'argon2_encodedlen: the length of the command\'s string, and its NUL');
      if (c.version === 0x13) // a buffer of argon2_encodedlen's size, which the binding asks
        t.equal(lib[`argon2${c.type}_hash_encoded`](c.t, c.m, c.p, password(c), salt, c.len), want);
      const both = lib.argon2_hash(c.t, c.m, c.p, password(c), salt, c.len, type, c.version);
      t.deepEqual(Object.keys(both), ['hash', 'encoded']);
      t.equal(both.encoded, want, 'argon2_hash');
    });

    t.test(`${name}: argon2_verify of the command's encoded hash`, () => {
      const { encoded } = reference(c);
      t.equal(lib.argon2_verify(encoded, password(c), type), lib.ARGON2_OK);
      t.equal(lib[`argon2${c.type}_verify`](encoded, password(c)), lib.ARGON2_OK);
      const wrong = enc.encode(`${c.pwd}\0`); // one more byte: a NUL
      raises(() => lib.argon2_verify(encoded, wrong, type), lib.Argon2Error,
        { code: lib.ARGON2_VERIFY_MISMATCH, function: 'argon2_verify', message: 'The password does not match the supplied hash' });
    });
  }

  t.test('verify: a mismatch is an Argon2Error with argon2_error_message\'s text', () => {
    const encoded = lib.argon2id_hash_encoded(1, 64, 1, enc.encode('hunter2'), enc.encode('saltsalt'), 16);
    t.equal(lib.argon2id_verify(encoded, enc.encode('hunter2')), 0);
    const e = raises(() => lib.argon2id_verify(encoded, enc.encode('hunter3')), lib.Argon2Error,
      { code: lib.ARGON2_VERIFY_MISMATCH, function: 'argon2id_verify', name: 'Argon2Error' });
    t.equal(e.message, lib.argon2_error_message(lib.ARGON2_VERIFY_MISMATCH));
    t.ok(e instanceof Error, 'an Argon2Error is an Error');
    // an empty password is not a NUL byte, nor a missing one
    const empty = lib.argon2i_hash_encoded(2, 32, 2, new Uint8Array(0), enc.encode('saltsalt'), 32);
    t.equal(lib.argon2i_verify(empty, new Uint8Array(0)), 0);
    raises(() => lib.argon2i_verify(empty, new Uint8Array(1)), lib.Argon2Error, { code: -35 });
    // the wrong type, or not an encoded hash: the string does not decode
    raises(() => lib.argon2i_verify(encoded, enc.encode('hunter2')), lib.Argon2Error,
      { code: lib.ARGON2_DECODING_FAIL, message: 'Decoding failed' });
    raises(() => lib.argon2_verify('$argon2id$v=19$nonsense', enc.encode('hunter2'), lib.Argon2_id), lib.Argon2Error,
      { code: lib.ARGON2_DECODING_FAIL });
  });

  for (const [name, { salt, args, code }] of Object.entries(CLI_ERRORS)) {
    t.test(`errors: ${name}, as the command says it`, () => {
      const want = refs?.errors?.[name];
      if (!want) throw new Error(`no reference message from ${ARGON2} for '${name}'`);
      const len = args[0] === '-l' ? Number(args[1]) : 32, m = args[0] === '-k' ? Number(args[1]) : 4096;
      raises(() => lib.argon2id_hash_raw(3, m, 1, enc.encode('password'), enc.encode(salt), len), lib.Argon2Error,
        { code, message: want, function: 'argon2id_hash_raw' });
      raises(() => lib.argon2_hash(3, m, 1, enc.encode('password'), enc.encode(salt), len, lib.Argon2_i, 0x13), lib.Argon2Error,
        { code, message: want, function: 'argon2_hash' });
    });
  }

  t.test('errors: the other checks of argon2.c', () => {
    const pwd = enc.encode('password'), salt = enc.encode('somesalt');
    raises(() => lib.argon2i_hash_raw(3, 64, 1, pwd, enc.encode('short'), 32), lib.Argon2Error,
      { code: -6, message: 'Salt is too short', function: 'argon2i_hash_raw' });
    raises(() => lib.argon2d_hash_raw(0, 64, 1, pwd, salt, 32), lib.Argon2Error,
      { code: lib.ARGON2_TIME_TOO_SMALL, message: 'Time cost is too small' });
    raises(() => lib.argon2d_hash_raw(1, 64, 0, pwd, salt, 32), lib.Argon2Error,
      { code: lib.ARGON2_LANES_TOO_FEW, message: 'Too few lanes' });
    raises(() => lib.argon2_hash(1, 64, 1, pwd, salt, 32, 7, 0x13), lib.Argon2Error,
      { code: lib.ARGON2_INCORRECT_TYPE });
  });

  t.test('bad JS values are TypeErrors and RangeErrors naming the parameter, before C runs', () => {
    const pwd = enc.encode('password'), salt = enc.encode('somesalt');
    raises(() => lib.argon2id_hash_raw(1, 64, 1, 'password', salt, 32), TypeError, { message: /^pwd: / });
    raises(() => lib.argon2id_hash_raw(1, 64, 1, [1, 2, 3], salt, 32), TypeError, { message: /^pwd: / });
    raises(() => lib.argon2id_hash_raw(1, 64, 1, pwd, 12345678, 32), TypeError, { message: /^salt: / });
    raises(() => lib.argon2id_hash_raw(1, 64, 1, pwd, salt, '32'), TypeError, { message: /^hashlen: / });
    raises(() => lib.argon2id_hash_raw(1, 64, 1, pwd, salt), TypeError, { message: /^hashlen: / });
    raises(() => lib.argon2id_hash_raw(-1, 64, 1, pwd, salt, 32), RangeError, { message: /^t_cost: / });
    raises(() => lib.argon2id_hash_raw(1, 2 ** 32, 1, pwd, salt, 32), RangeError, { message: /^m_cost: / });
    raises(() => lib.argon2id_hash_raw(1, 64, 1.5, pwd, salt, 32), RangeError, { message: /^parallelism: / });
    raises(() => lib.argon2id_hash_encoded(1, 64, 1, pwd, salt, -1), RangeError, { message: /^hashlen: / });
    raises(() => lib.argon2_hash(1, 64, 1, pwd, salt, 32, 'id', 0x13), TypeError, { message: /^type: / });
    raises(() => lib.argon2_verify(42, pwd, lib.Argon2_id), TypeError, { message: /^encoded: / });
    raises(() => lib.argon2_verify(null, pwd, lib.Argon2_id), TypeError, { message: /^encoded: / });
    raises(() => lib.argon2_verify('$argon2id\0', pwd, lib.Argon2_id), TypeError, { message: /^encoded: / });
    raises(() => lib.argon2_error_message('x'), TypeError, { message: /^error_code: / });
  });

  t.test('RFC 9106 test vectors through argon2_ctx: a context of Uint8Arrays, secret and associated data included', () => {
    for (const type of /** @type {const} */ (['d', 'i', 'id'])) {
      const out = new Uint8Array(32);
      const context = {
        out, pwd: RFC9106.pwd, salt: RFC9106.salt, secret: RFC9106.secret, ad: RFC9106.ad,
        t_cost: 3, m_cost: 32, lanes: 4, threads: 4, version: 0x13,
        allocate_cbk: null, free_cbk: null, flags: lib.ARGON2_DEFAULT_FLAGS,
      };
      t.equal(lib.argon2_ctx(context, typeOf(type)), lib.ARGON2_OK);
      t.equal(hex(out), RFC9106.tags[type], `argon2_ctx, Argon2${type}: C's bytes are in the array given`);
      t.equal(context.out, out, 'the same array');
      const again = { ...context, out: new Uint8Array(32) };
      t.equal(lib[`argon2${type}_ctx`](again), 0);
      t.equal(hex(again.out), RFC9106.tags[type], `argon2${type}_ctx`);
    }
  });

  t.test('argon2_ctx without secret and associated data: the command\'s raw hashes', () => {
    for (const c of CASES.filter((k) => k.m <= 4096)) {
      const out = new Uint8Array(c.len);
      const context = {
        out, pwd: enc.encode(c.pwd), salt: enc.encode(c.salt), secret: null, ad: null,
        t_cost: c.t, m_cost: c.m, lanes: c.p, threads: c.p, version: c.version,
        allocate_cbk: null, free_cbk: null, flags: 0,
      };
      t.equal(lib.argon2_ctx(context, typeOf(c.type)), 0);
      t.equal(hex(out), reference(c).raw, caseName(c));
    }
  });

  t.test('argon2_ctx: the secret and the associated data change the hash, each on its own', () => {
    /** @param {Uint8Array | null} secret @param {Uint8Array | null} ad */
    const tag = (secret, ad) => {
      const context = {
        out: new Uint8Array(32), pwd: RFC9106.pwd, salt: RFC9106.salt, secret, ad,
        t_cost: 3, m_cost: 32, lanes: 4, threads: 4, version: 0x13, allocate_cbk: null, free_cbk: null, flags: 0,
      };
      lib.argon2_ctx(context, lib.Argon2_id);
      return hex(context.out);
    };
    const tags = [tag(null, null), tag(RFC9106.secret, null), tag(null, RFC9106.ad), tag(RFC9106.secret, RFC9106.ad)];
    t.equal(tags[3], RFC9106.tags.id);
    t.equal(new Set(tags).size, 4, 'four different tags');
    // no secret and no associated data is argon2id_hash_raw's hash
    t.equal(tags[0], hex(lib.argon2id_hash_raw(3, 32, 4, RFC9106.pwd, RFC9106.salt, 32)));
    // empty arrays are none at all
    t.equal(tag(new Uint8Array(0), new Uint8Array(0)), tags[0]);
  });

  t.test('argon2_ctx: errors, and bad fields named', () => {
    const base = {
      out: new Uint8Array(32), pwd: enc.encode('password'), salt: enc.encode('short'), secret: null, ad: null,
      t_cost: 1, m_cost: 64, lanes: 1, threads: 1, version: 0x13, allocate_cbk: null, free_cbk: null, flags: 0,
    };
    raises(() => lib.argon2_ctx(base, lib.Argon2_id), lib.Argon2Error,
      { code: -6, message: 'Salt is too short', function: 'argon2_ctx' });
    raises(() => lib.argon2_ctx({ ...base, salt: enc.encode('somesalt'), out: new Uint8Array(3) }, lib.Argon2_id),
      lib.Argon2Error, { code: lib.ARGON2_OUTPUT_TOO_SHORT });
    raises(() => lib.argon2_ctx({ ...base, pwd: 'password' }, lib.Argon2_id), TypeError, { message: /pwd/ });
    raises(() => lib.argon2_ctx({ ...base, t_cost: -1 }, lib.Argon2_id), RangeError, { message: /t_cost/ });
  });

  t.test('argon2_ctx: ARGON2_FLAG_CLEAR_PASSWORD and _SECRET wipe the password and the secret given', () => {
    const pwd = enc.encode('password'), secret = new Uint8Array([9, 8, 7, 6]);
    const context = {
      out: new Uint8Array(16), pwd, salt: enc.encode('somesalt'), secret, ad: null,
      t_cost: 1, m_cost: 64, lanes: 1, threads: 1, version: 0x13, allocate_cbk: null, free_cbk: null,
      flags: lib.ARGON2_FLAG_CLEAR_PASSWORD | lib.ARGON2_FLAG_CLEAR_SECRET,
    };
    lib.argon2_ctx(context, lib.Argon2_id);
    // core.c wipes context->pwd (pwdlen bytes) and sets pwdlen to 0, the same for the secret
    t.deepEqual(Array.from(pwd), [0, 0, 0, 0, 0, 0, 0, 0], 'the password array given is wiped');
    t.deepEqual(Array.from(secret), [0, 0, 0, 0], 'the secret array given is wiped');
    t.equal(context.pwd.length, 0, 'context.pwd: what is left of it, nothing');
    t.equal(context.secret.length, 0, 'context.secret: nothing left');
  });

  t.test('nothing leaks: thousands of hashes, verifications and errors leave the heap as it was', () => {
    /** Where malloc puts a 1 MiB block, freed at once: the start of the
     * free space at the top of the heap (dlmalloc coalesces what is freed
     * back into it). A leak of a few bytes per call leaves it higher. */
    const heapTop = () => {
      const p = lib.exports.malloc(1 << 20);
      t.ok(p > 0, 'malloc(1 MiB) failed');
      lib.exports.free(p);
      return p;
    };
    const pwd = enc.encode('pässwörd'), salt = enc.encode('saltsaltsalt');
    const round = (/** @type {number} */ i) => {
      const len = 4 + (i % 61);
      lib.argon2i_hash_raw(1, 8, 1, pwd, salt, len);
      const encoded = lib.argon2d_hash_encoded(1, 8, 1, pwd, salt, len);
      lib.argon2_hash(1, 16, 2, pwd, salt, len, lib.Argon2_id, 0x10);
      lib.argon2d_verify(encoded, pwd);
      try { lib.argon2d_verify(encoded, salt); } catch { /* mismatch */ }
      try { lib.argon2id_hash_raw(1, 8, 1, pwd, pwd.subarray(0, 4), len); } catch { /* salt too short */ }
      try { lib.argon2id_hash_raw(1, 8, 1, 'not bytes', salt, len); } catch { /* TypeError */ }
      try { lib.argon2_verify(null, pwd, 0); } catch { /* TypeError */ }
      const context = {
        out: new Uint8Array(len), pwd, salt, secret: pwd, ad: salt,
        t_cost: 1, m_cost: 8, lanes: 1, threads: 1, version: 0x13, allocate_cbk: null, free_cbk: null, flags: 0,
      };
      lib.argon2_ctx(context, lib.Argon2_i);
      try { lib.argon2_ctx({ ...context, salt: null }, lib.Argon2_i); } catch { /* salt too short */ }
      try { lib.argon2_ctx({ ...context, ad: 'not bytes' }, lib.Argon2_i); } catch { /* TypeError */ }
    };
    for (let i = 0; i < 100; i++) round(i);
    const memory = lib.memory.buffer.byteLength;
    const top = heapTop();
    for (let i = 0; i < 2000; i++) round(i);
    t.equal(lib.memory.buffer.byteLength, memory, 'the wasm memory did not grow');
    t.equal(heapTop(), top, 'the free space at the top of the heap starts where it did');
  });
}
