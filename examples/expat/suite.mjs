// @ts-check
// The expat example's test scenario, run by Node (tests/examples/expat.test.mjs,
// with node:test and node:assert) and by a browser page (examples/expat/index.html,
// with the page's own checks): the same calls through the same generated
// bindings, build/examples/expat/expat.js, to the same expat.wasm.
//
//   runSuite(lib, t, refs)   lib: what load() returned; t: the harness, with
//     t.test(name, fn)             registers a test (fn may be async)
//     t.equal(actual, expected, message?)       strict (Object.is)
//     t.deepEqual(actual, expected, message?)   deep and strict, typed arrays included
//     t.ok(value, message?)
//   refs: what examples/expat/reference.py (Python's xml.parsers.expat, its
//     own libexpat) printed for referenceInput(): the events every parse here
//     must report, exactly.
//
// The JS API is the one examples/expat/expat.rules asks of the generator:
// parsers are a class (lib.XML_ParserStruct) with methods, freed by
// XML_ParserFree or [Symbol.dispose] (`using`); XML_STATUS_ERROR throws
// lib.ExpatError; handlers are closures that expat keeps until replaced;
// character data arrives as bytes; XML_GetBuffer is a Uint8Array over
// expat's own buffer.
//
// The start handler's `const XML_Char **atts`, a NULL-terminated list of
// names and values (rules `terminated`), arrives as an array of strings;
// the events keep the attributes the tag specified (Python's
// specified_attributes), in order (its ordered_attributes).

/** @typedef {{ test(name: string, fn: () => unknown): unknown, equal(a: unknown, b: unknown, message?: string): void,
 *   deepEqual(a: unknown, b: unknown, message?: string): void, ok(value: unknown, message?: string): void }} Harness */
/** @typedef {{ name: string, text?: string, bytes?: number[], encoding?: string | null, ns?: string | null,
 *   triplets?: boolean, positions?: boolean, digest?: boolean, steps?: Step[] }} Case */
/** @typedef {{ feed: string, final?: boolean } | { set: Record<string, string | null> }} Step */
/** @typedef {{ code: number, message: string | null, line: number, column: number }} ParseError */
/** @typedef {{ events: unknown[][], error: ParseError | null }} Outcome */

const BASIC = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE catalogue [
  <!ENTITY co "Société Générale 🌍">
  <!ENTITY ext SYSTEM "ext.xml">
  <!ATTLIST item kind CDATA "book">
]>
<catalogue lang="fr" version="2">
  <!-- des livres, 本 -->
  <item id="1" kind="cd">Élégie &amp; fugue &lt;op. 9&gt;</item>
  <item id="2">&co; &#x1F600;&#233;</item>
  <?render mode="fast" ?>
  <item id="3" a="x" b="y"><![CDATA[<raw> & ü 中文]]> tail</item>
  <empty/>
  <t>a&#10;b&#x9;c	d
e</t>
</catalogue>
`;

const NAMESPACED = `<r xmlns="urn:default" xmlns:x="urn:x" x:a="1" b="2">
  <x:item xmlns:y="urn:y" y:z="3">text</x:item>
  <plain xmlns="">no namespace</plain>
  <y:other xmlns:y="urn:y2"/>
</r>`;

/** Malformed documents: each must fail as Python's expat fails. */
const MALFORMED = {
  mismatched: '<a><b></a>',
  unclosed: '<a><b>text</b>',
  empty: '',
  junk: '<a></a><b/>',
  undefinedEntity: '<a>&nope;</a>',
  duplicateAttribute: '<a x="1" x="2"/>',
  badCharRef: '<a>&#0;</a>',
  invalidToken: '<a\n  b="1"\n  c=2/>',
  afterMultibyte: '<?xml version="1.0"?>\n<r>\n  <é>ü</é>\n  <x>€ 中文 🌍 <</x>\n</r>',
  unclosedCdata: '<a><![CDATA[ never closed </a>',
  misplacedXmlDecl: '<a>\n<?xml version="1.0"?></a>',
};

/** The handler replacement scenario: handlers tagged A, then B, then some removed. */
const REPLACE_STEPS = /** @type {Step[]} */ ([
  { set: { start: 'A', end: 'A', chars: 'A' } },
  { feed: '<doc><p>one</p><p>tw' },
  { set: { start: 'B', end: 'B' } },
  { feed: 'o</p><p n="1">three</p>' },
  { set: { chars: null, start: null } },
  { feed: '<p>four</p><q/>' },
  { set: { chars: 'C' } },
  { feed: 'five</doc>', final: true },
]);

/** A deterministic pseudo-random generator (mulberry32). @param {number} seed */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** @type {string | undefined} */
let bigText;
/** A generated document of about 10 MB: entries with attributes, text in
 * 1- to 4-byte UTF-8 characters, entity and character references, CDATA,
 * comments and processing instructions. */
export function bigDocument() {
  if (bigText !== undefined) return bigText;
  const rnd = random(20250601);
  const words = ['alpha', 'é', 'noël', '中文', 'данные', '🌍', 'x&amp;y', '&lt;tag&gt;', '&co;', '&#x1F600;', 'ü', 'Ω', 'plain', 'text'];
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE feed [<!ENTITY co "Société 🌍">]>\n<feed xmlns:x="urn:x">\n'];
  let size = parts[0].length;
  for (let i = 0; size < 10_000_000; i++) {
    const n = 3 + Math.floor(rnd() * 12);
    let text = '';
    for (let j = 0; j < n; j++) text += (j ? ' ' : '') + words[Math.floor(rnd() * words.length)];
    let entry = `  <entry n="${i}" lang="${rnd() < 0.5 ? 'fr' : 'zh'}">${text}`;
    const r = rnd();
    if (r < 0.2) entry += `<x:tag a="${i % 7}" b="é${i}"/>`;
    else if (r < 0.3) entry += `<![CDATA[<raw ${i}> & ü]]>`;
    else if (r < 0.35) entry += `<!-- comment ${i} 中 -->`;
    else if (r < 0.4) entry += `<?pi n="${i}"?>`;
    entry += `</entry>\n`;
    parts.push(entry);
    size += entry.length;
  }
  parts.push('</feed>\n');
  bigText = parts.join('');
  return bigText;
}

/** What reference.py parses: every document of the suite. */
export function referenceInput() {
  /** @type {Case[]} */
  const cases = [
    { name: 'basic', text: BASIC },
    { name: 'namespaces', text: NAMESPACED, ns: '|' },
    { name: 'triplets', text: NAMESPACED, ns: '|', triplets: true },
    { name: 'latin1', bytes: [...'<?xml version="1.0" encoding="ISO-8859-1"?><p>caf\xe9 \xa9 \xff</p>'].map((c) => c.charCodeAt(0)) },
    { name: 'latin1-external', bytes: [...'<p>d\xe9j\xe0 vu</p>'].map((c) => c.charCodeAt(0)), encoding: 'ISO-8859-1' },
    // not an encoding expat knows: Python's handler maps it with its codec, ours with TextDecoder
    { name: 'koi8', bytes: [...'<?xml version="1.0" encoding="KOI8-R"?><p \xd4="\xc1">\xf0\xd2\xc9\xd7\xc5\xd4 \xa3</p>'].map((c) => c.charCodeAt(0)) },
    { name: 'positions', text: BASIC, positions: true },
    { name: 'invalidUtf8', bytes: [0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e] },
    { name: 'unboundPrefix', text: '<a>\n <p:b/></a>', ns: '|' },
    { name: 'big', text: bigDocument(), digest: true },
    { name: 'replace', steps: REPLACE_STEPS },
  ];
  for (const [name, text] of Object.entries(MALFORMED)) cases.push({ name: `malformed-${name}`, text });
  return { cases, errorStrings: 41 };
}

/** @param {any} lib @param {Harness} t @param {any} refs */
export function runSuite(lib, t, refs) {
  const enc = new TextEncoder();

  /** The reference outcome of a case. @param {string} name */
  function ref(name) {
    t.ok(refs && refs[name], `no reference events for '${name}' (run examples/expat/reference.py)`);
    return refs[name];
  }

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

  /** Events as reference.py records them; adjacent character data joined. */
  function recorder() {
    /** @type {any[][]} */
    const events = [];
    /** @param {...any} ev */
    const add = (...ev) => {
      const last = events[events.length - 1];
      if (String(ev[0]).endsWith('chars') && last && last[0] === ev[0]) last[1] += ev[1];
      else events.push(ev);
    };
    return { events, add };
  }

  /** The attributes given in the document (expat appends DTD defaults):
   * names and values. @param {any} p @param {string[]} atts */
  const specified = (p, atts) => atts.slice(0, p.GetSpecifiedAttributeCount());

  /** Sets every handler the reference records, as closures over p and rec.
   * @param {any} p @param {{ add: (...ev: any[]) => void }} rec */
  function attachAll(p, rec) {
    p.SetElementHandler((/** @type {string} */ name, /** @type {string[]} */ atts) => rec.add('start', name, specified(p, atts)),
      (/** @type {string} */ name) => rec.add('end', name));
    p.SetCharacterDataHandler((/** @type {string} */ s) => rec.add('chars', s));
    p.SetProcessingInstructionHandler((/** @type {string} */ target, /** @type {string} */ data) => rec.add('pi', target, data));
    p.SetCommentHandler((/** @type {string} */ data) => rec.add('comment', data));
    p.SetCdataSectionHandler(() => rec.add('startcdata'), () => rec.add('endcdata'));
    p.SetNamespaceDeclHandler((/** @type {string | null} */ prefix, /** @type {string | null} */ uri) => rec.add('startns', prefix, uri),
      (/** @type {string | null} */ prefix) => rec.add('endns', prefix));
    p.SetXmlDeclHandler((/** @type {any} */ version, /** @type {any} */ encoding, /** @type {number} */ standalone) =>
      rec.add('xmldecl', version, encoding, standalone));
    p.SetDoctypeDeclHandler((/** @type {any[]} */ ...a) => rec.add('doctype', ...a), () => rec.add('enddoctype'));
    p.SetEntityDeclHandler((/** @type {string} */ name, /** @type {number} */ isPe, /** @type {string | null} */ value,
      /** @type {any[]} */ ...rest) => rec.add('entity', name, isPe, value, ...rest));
  }

  /** A new parser for a case. @param {Case} c */
  function create(c) {
    const p = c.ns ? lib.XML_ParserCreateNS(c.encoding ?? null, c.ns.charCodeAt(0)) : lib.XML_ParserCreate(c.encoding ?? null);
    if (c.triplets) p.SetReturnNSTriplet(1);
    return p;
  }

  /** The bytes of a case's document. @param {Case} c */
  const bytesOf = (c) => (c.text !== undefined ? enc.encode(c.text) : Uint8Array.from(c.bytes ?? []));

  /** Where a parse failed: the error carries the parser's code and its
   * text (rules `code XML_GetErrorCode, message XML_ErrorString`), the
   * parser the position. @param {any} p @param {unknown} e @param {string} fn
   * @returns {ParseError} */
  function failure(p, e, fn) {
    if (!(e instanceof lib.ExpatError)) throw e;
    const { code, message } = /** @type {any} */ (e);
    t.equal(/** @type {any} */ (e).function, fn, 'the failing function');
    t.equal(code, p.GetErrorCode(), 'the error\'s code is the parser\'s');
    t.equal(message, lib.XML_ErrorString(code) ?? `${fn} failed (${code})`, 'and its message that code\'s');
    return { code, message: lib.XML_ErrorString(code), line: p.GetCurrentLineNumber(), column: p.GetCurrentColumnNumber() };
  }

  /** Parses a case's document with every handler set: in one call, or fed
   * in pieces of `piece` bytes. The parser is disposed of as `using` would.
   * @param {Case} c @param {number} [piece] @returns {Outcome} */
  function parse(c, piece = Infinity) {
    const p = create(c);
    try {
      const rec = recorder();
      attachAll(p, rec);
      const bytes = bytesOf(c);
      /** @type {ParseError | null} */
      let error = null;
      try {
        if (piece === Infinity) {
          t.equal(p.Parse(bytes, 1), lib.XML_STATUS_OK);
        } else {
          for (let i = 0; i < bytes.length; i += piece) t.equal(p.Parse(bytes.subarray(i, i + piece), 0), lib.XML_STATUS_OK);
          t.equal(p.Parse('', 1), lib.XML_STATUS_OK);
        }
      } catch (e) {
        error = failure(p, e, 'XML_Parse');
      }
      return { events: rec.events, error };
    } finally {
      p[Symbol.dispose]();
    }
  }

  /** A case by name. @param {string} name @returns {Case} */
  function theCase(name) {
    const c = referenceInput().cases.find((x) => x.name === name);
    if (!c) throw new Error(`no case ${name}`);
    return c;
  }

  t.test('constants, enums and the library version', () => {
    t.equal(lib.XML_ExpatVersion(), 'expat_2.2.1');
    t.deepEqual(lib.XML_ExpatVersionInfo(), { major: 2, minor: 2, micro: 1 });
    t.deepEqual([lib.XML_STATUS_ERROR, lib.XML_STATUS_OK, lib.XML_STATUS_SUSPENDED], [0, 1, 2]);
    t.equal(lib.XML_Error.XML_ERROR_TAG_MISMATCH, 7);
    t.ok(Object.isFrozen(lib.XML_Error), 'enums are frozen objects');
    t.equal(lib.XML_MAJOR_VERSION * 10000 + lib.XML_MINOR_VERSION * 100 + lib.XML_MICRO_VERSION, 20201);
  });

  t.test('XML_ErrorString says what Python\'s expat says for every error code', () => {
    const want = ref('errorStrings');
    t.equal(want.length, 41);
    for (let code = 1; code <= 40; code++) t.equal(lib.XML_ErrorString(code), want[code - 1], `XML_ErrorString(${code})`);
    // expat 2.2.1 declares XML_ERROR_INVALID_ARGUMENT (41) but its table of
    // messages (xmlparse.c) stops at 40: NULL. Later versions say 'invalid argument'.
    t.equal(lib.XML_ErrorString(lib.XML_ERROR_INVALID_ARGUMENT), null);
    t.equal(want[40], 'invalid argument');
    t.equal(lib.XML_ErrorString(lib.XML_ERROR_NONE), null, 'no message for XML_ERROR_NONE (C returns NULL)');
  });

  t.test('a parser is a lib.XML_ParserStruct with methods; bad arguments throw before C runs', () => {
    const p = lib.XML_ParserCreate(null);
    t.ok(p instanceof lib.XML_ParserStruct, 'a parser is a lib.XML_ParserStruct');
    t.equal(typeof p.Parse, 'function');
    t.equal(typeof p[Symbol.dispose], 'function', 'parsers are disposable');
    raises(() => p.Parse(42, 1), TypeError, { message: /^s: / });
    raises(() => p.Parse('<a/>', true), TypeError, { message: /^isFinal: / });
    raises(() => lib.XML_Parse({ ptr: p.ptr }, '<a/>', 1), TypeError, { message: /^parser: / });
    raises(() => p.SetCharacterDataHandler('not a function'), TypeError, { message: /^handler: / });
    raises(() => new lib.XML_ParserStruct(), TypeError);
    t.equal(p.GetErrorCode(), lib.XML_ERROR_NONE, 'the parser did not see any of those calls');
    t.equal(p.Parse('<ok/>', 1), lib.XML_STATUS_OK);
    p.ParserFree();
  });

  t.test('start, end, character data and the other handlers as closures: the events Python reports', () => {
    const got = parse(theCase('basic'));
    t.deepEqual(got, ref('basic'));
    t.ok(got.events.length > 30, `${got.events.length} events`);
  });

  t.test('the same document fed one byte at a time, through multi-byte characters', () => {
    t.deepEqual(parse(theCase('basic'), 1), ref('basic'));
    t.deepEqual(parse(theCase('namespaces'), 1), ref('namespaces'));
  });

  t.test('namespaces (XML_ParserCreateNS): expanded names and namespace declarations', () => {
    const got = parse(theCase('namespaces'));
    t.deepEqual(got, ref('namespaces'));
    t.ok(got.events.some((e) => e[0] === 'start' && e[1] === 'urn:x|item'), 'names are uri|local');
    t.deepEqual(parse(theCase('triplets')), ref('triplets'));
  });

  t.test('encodings: an encoding declaration, and one given to XML_ParserCreate', () => {
    t.deepEqual(parse(theCase('latin1')), ref('latin1'));
    t.deepEqual(parse(theCase('latin1-external')), ref('latin1-external'));
  });

  t.test('an encoding expat does not know, mapped by an XML_SetUnknownEncodingHandler closure', () => {
    const p = lib.XML_ParserCreate(null);
    const rec = recorder();
    attachAll(p, rec);
    /** @type {string[]} */
    const asked = [];
    p.SetUnknownEncodingHandler((/** @type {string} */ name, /** @type {any} */ info) => {
      asked.push(name);
      const decoder = new TextDecoder(name);
      // each byte's character, -1 where the encoding has none (as Python does)
      info.map = Array.from({ length: 256 }, (_, b) => {
        const c = decoder.decode(Uint8Array.of(b)).codePointAt(0) ?? -1;
        return c === 0xfffd ? -1 : c;
      });
      t.equal(info.convert, 0, 'no converter: one byte, one character');
      return 1;
    });
    t.equal(p.Parse(bytesOf(theCase('koi8')), 1), lib.XML_STATUS_OK);
    t.deepEqual(asked, ['KOI8-R']);
    t.deepEqual({ events: rec.events, error: null }, ref('koi8'));
    p.ParserFree();
  });

  t.test('positions in handlers: line, column and byte index; XML_GetInputContext around them', () => {
    const p = lib.XML_ParserCreate(null);
    const rec = recorder();
    attachAll(p, rec);
    const doc = enc.encode(BASIC);
    p.SetStartElementHandler((/** @type {string} */ name) => {
      rec.add('start', name, p.GetCurrentLineNumber(), p.GetCurrentColumnNumber(), p.GetCurrentByteIndex());
      // the input buffer and the event's offset in it: the start tag's bytes
      const context = p.GetInputContext();
      const tag = enc.encode(`<${name}`);
      t.ok(context.return !== null && context.offset >= 0, 'an input context');
      t.equal(context.return.slice(0, 5), '<?xml', 'the buffer holds the document');
      t.deepEqual(doc.subarray(p.GetCurrentByteIndex(), p.GetCurrentByteIndex() + tag.length), tag, `<${name} at the byte index`);
    });
    t.equal(p.Parse(doc, 1), lib.XML_STATUS_OK);
    t.deepEqual({ events: rec.events, error: null }, ref('positions'));
    p.ParserFree();
  });

  t.test('malformed documents throw lib.ExpatError; code, message, line and column as Python reports them', () => {
    for (const name of [...Object.keys(MALFORMED).map((n) => `malformed-${n}`), 'invalidUtf8', 'unboundPrefix']) {
      const got = parse(theCase(name));
      t.ok(got.error !== null, `${name}: no error`);
      t.deepEqual(got, ref(name), name);
    }
    // The line and column of an error past multi-byte characters, fed in pieces.
    t.deepEqual(parse(theCase('malformed-afterMultibyte'), 3), ref('malformed-afterMultibyte'));
  });

  /** The chunks of the big document: split at pseudo-random positions,
   * some of 1 to 3 bytes, many inside multi-byte characters. @param {Uint8Array} bytes */
  function chunks(bytes) {
    const rnd = random(7);
    /** @type {[number, number][]} */
    const out = [];
    let inside = 0;
    for (let at = 0; at < bytes.length;) {
      const n = rnd() < 0.1 ? 1 + Math.floor(rnd() * 3) : 1 + Math.floor(rnd() * 65536);
      const end = Math.min(bytes.length, at + n);
      if (end < bytes.length && (bytes[end] & 0xc0) === 0x80) inside++;
      out.push([at, end]);
      at = end;
    }
    t.ok(inside > 10, `${inside} of ${out.length} chunks end inside a UTF-8 character`);
    return out;
  }

  /** The count and SHA-256 of events, as reference.py digests them. @param {unknown[][]} events */
  async function digest(events) {
    const lines = enc.encode(events.map((e) => JSON.stringify(e)).join('\n'));
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', lines));
    return { count: events.length, sha256: Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('') };
  }

  /** Parses the big document in chunks, with XML_Parse or in place with
   * XML_GetBuffer and XML_ParseBuffer. @param {boolean} inPlace */
  async function parseBig(inPlace) {
    const bytes = enc.encode(bigDocument());
    t.ok(bytes.length > 10_000_000, `${bytes.length} bytes`);
    const p = lib.XML_ParserCreate(null);
    try {
      const rec = recorder();
      attachAll(p, rec);
      for (const [a, b] of chunks(bytes)) {
        const final = b === bytes.length ? 1 : 0;
        if (inPlace) {
          const buffer = p.GetBuffer(b - a);
          t.ok(buffer instanceof Uint8Array && buffer.length === b - a, 'XML_GetBuffer: a Uint8Array of the length asked');
          t.equal(buffer.buffer, lib.memory.buffer, 'over linear memory');
          buffer.set(bytes.subarray(a, b));
          t.equal(p.ParseBuffer(b - a, final), lib.XML_STATUS_OK);
        } else {
          t.equal(p.Parse(bytes.subarray(a, b), final), lib.XML_STATUS_OK);
        }
      }
      return { ...(await digest(rec.events)), error: null };
    } finally {
      p[Symbol.dispose]();
    }
  }

  t.test('streaming: a 10 MB document fed to XML_Parse in chunks split anywhere', async () => {
    t.deepEqual(await parseBig(false), ref('big'));
  });

  t.test('in place: the same chunks written into XML_GetBuffer and parsed by XML_ParseBuffer', async () => {
    t.deepEqual(await parseBig(true), ref('big'));
  });

  t.test('XML_GetBuffer fails after the final buffer: ExpatError, and XML_ParseBuffer reports the error', () => {
    const p = lib.XML_ParserCreate(null);
    const doc = enc.encode('<a>x</a>');
    p.GetBuffer(doc.length).set(doc);
    t.equal(p.ParseBuffer(doc.length, 1), lib.XML_STATUS_OK);
    raises(() => p.GetBuffer(10), lib.ExpatError, { function: 'XML_GetBuffer', code: lib.XML_ERROR_FINISHED,
      message: lib.XML_ErrorString(lib.XML_ERROR_FINISHED) });
    t.equal(p.GetErrorCode(), lib.XML_ERROR_FINISHED);
    raises(() => p.ParseBuffer(0, 1), lib.ExpatError, { function: 'XML_ParseBuffer', code: lib.XML_ERROR_FINISHED });
    t.equal(p.GetErrorCode(), lib.XML_ERROR_FINISHED);
    p.ParserFree();
  });

  t.test('replacing handlers, and removing them with null, between chunks', () => {
    const p = lib.XML_ParserCreate(null);
    const rec = recorder();
    /** @param {string} tag */
    const start = (tag) => (/** @type {string} */ name, /** @type {string[]} */ atts) => rec.add(`${tag}.start`, name, specified(p, atts));
    /** @param {string} tag */
    const end = (tag) => (/** @type {string} */ name) => rec.add(`${tag}.end`, name);
    /** @param {string} tag */
    const chars = (tag) => (/** @type {string} */ s) => rec.add(`${tag}.chars`, s);
    let error = null;
    try {
      for (const step of REPLACE_STEPS) {
        if ('feed' in step) {
          t.equal(p.Parse(step.feed, step.final ? 1 : 0), lib.XML_STATUS_OK);
          continue;
        }
        const { start: s, end: e, chars: c } = step.set;
        // both element handlers: XML_SetElementHandler; one: its own setter
        if (s !== undefined && e !== undefined) p.SetElementHandler(s && start(s), e && end(e));
        else if (s !== undefined) p.SetStartElementHandler(s && start(s));
        else if (e !== undefined) p.SetEndElementHandler(e && end(e));
        if (c !== undefined) p.SetCharacterDataHandler(c && chars(c));
      }
    } catch (e) {
      error = failure(p, e, 'XML_Parse');
    }
    t.deepEqual({ events: rec.events, error }, ref('replace'));
    p.ParserFree();
  });

  t.test('XML_ParserReset clears the handlers; set again, they report the same events', () => {
    const p = lib.XML_ParserCreate(null);
    const first = recorder();
    attachAll(p, first);
    t.equal(p.Parse(BASIC, 1), lib.XML_STATUS_OK);
    t.equal(p.ParserReset(null), 1);
    t.equal(p.Parse('<a>no handlers</a>', 1), lib.XML_STATUS_OK);
    t.equal(p.ParserReset(null), 1);
    const second = recorder();
    attachAll(p, second);
    t.equal(p.Parse(BASIC, 1), lib.XML_STATUS_OK);
    t.deepEqual(first.events, ref('basic').events);
    t.deepEqual(second.events, ref('basic').events);
    p.ParserFree();
  });

  t.test('an exception thrown in a handler propagates out of XML_Parse; expat went on, the parser still works', () => {
    const p = lib.XML_ParserCreate(null);
    const rec = recorder();
    attachAll(p, rec);
    const boom = new Error('boom');
    let starts = 0;
    p.SetStartElementHandler((/** @type {string} */ name, /** @type {string[]} */ atts) => {
      rec.add('start', name, specified(p, atts));
      if (++starts === 2) throw boom;
    });
    const e = raises(() => p.Parse(BASIC, 1), Error);
    t.equal(e, boom, 'the handler\'s own error');
    t.deepEqual(rec.events, ref('basic').events, 'the handler returned to C, which parsed the rest');
    t.equal(p.GetErrorCode(), lib.XML_ERROR_NONE);
    t.equal(p.ParserReset(null), 1);
    t.equal(p.Parse('<again/>', 1), lib.XML_STATUS_OK);
    p.ParserFree();
    t.deepEqual(parse(theCase('basic')), ref('basic'), 'and the library');
  });

  t.test('XML_StopParser in a handler: suspended, then resumed; or aborted', () => {
    const want = ref('basic').events;
    const p = lib.XML_ParserCreate(null);
    const rec = recorder();
    attachAll(p, rec);
    let starts = 0;
    p.SetStartElementHandler((/** @type {string} */ name, /** @type {string[]} */ atts) => {
      rec.add('start', name, specified(p, atts));
      if (++starts === 3) t.equal(p.StopParser(1), lib.XML_STATUS_OK);
    });
    t.equal(p.Parse(BASIC, 1), lib.XML_STATUS_SUSPENDED);
    t.deepEqual(p.GetParsingStatus(), { parsing: lib.XML_SUSPENDED, finalBuffer: 1 });
    const at = rec.events.length;
    t.ok(at < want.length, 'suspended before the end');
    t.deepEqual(rec.events, want.slice(0, at), 'the events so far');
    t.deepEqual(rec.events.filter((e) => e[0] === 'start').length, 3);
    t.equal(p.ResumeParser(), lib.XML_STATUS_OK);
    t.deepEqual(rec.events, want, 'all the events');
    t.deepEqual(p.GetParsingStatus(), { parsing: lib.XML_FINISHED, finalBuffer: 1 });
    raises(() => p.ResumeParser(), lib.ExpatError, { function: 'XML_ResumeParser' });
    t.equal(p.GetErrorCode(), lib.XML_ERROR_NOT_SUSPENDED);
    p.ParserFree();

    const q = lib.XML_ParserCreate(null);
    q.SetStartElementHandler(() => q.StopParser(0));
    raises(() => q.Parse(BASIC, 1), lib.ExpatError, { function: 'XML_Parse' });
    t.equal(q.GetErrorCode(), lib.XML_ERROR_ABORTED);
    t.equal(lib.XML_ErrorString(q.GetErrorCode()), ref('errorStrings')[lib.XML_ERROR_ABORTED - 1]);
    q.ParserFree();
  });

  t.test('XML_UseForeignDTD after parsing began: ExpatError with expat\'s code and XML_ErrorString message', () => {
    const p = lib.XML_ParserCreate(null);
    t.equal(p.Parse('<a>', 0), lib.XML_STATUS_OK);
    raises(() => p.UseForeignDTD(1), lib.ExpatError, {
      function: 'XML_UseForeignDTD',
      code: lib.XML_ERROR_CANT_CHANGE_FEATURE_ONCE_PARSING,
      message: ref('errorStrings')[lib.XML_ERROR_CANT_CHANGE_FEATURE_ONCE_PARSING - 1],
    });
    p.ParserFree();
  });

  t.test('XML_FreeContentModel frees what it is given: only a model expat gave out, never a copy', () => {
    const p = lib.XML_ParserCreate(null);
    const model = { type: lib.XML_CTYPE_NAME, quant: lib.XML_CQUANT_NONE, name: 'x', numchildren: 0, children: null };
    raises(() => p.FreeContentModel(model), TypeError, { message: /^model: expected a XML_Content view of memory the library gave out/ });
    p.ParserFree();
  });

  t.test('freed by XML_ParserFree or [Symbol.dispose] (`using`): then any use is a TypeError', () => {
    const p = lib.XML_ParserCreate(null);
    p.SetCharacterDataHandler(() => {});
    p.ParserFree();
    t.equal(p.ptr, 0, 'the pointer is gone');
    raises(() => p.Parse('<a/>', 1), TypeError, { message: /destroyed/ });
    raises(() => lib.XML_Parse(p, '<a/>', 1), TypeError, { message: /destroyed/ });
    raises(() => p.SetCharacterDataHandler(null), TypeError, { message: /destroyed/ });
    raises(() => p.ParserFree(), TypeError, { message: /destroyed/ });

    // What `using parser = lib.XML_ParserCreate(null)` does at the block's end.
    const q = lib.XML_ParserCreate(null);
    try {
      t.equal(q.Parse('<b/>', 1), lib.XML_STATUS_OK);
    } finally {
      q[Symbol.dispose]();
    }
    raises(() => q.GetErrorCode(), TypeError, { message: /destroyed/ });
    q[Symbol.dispose](); // a second dispose does nothing
  });

  /** Where malloc puts a 1 MiB block, freed at once: the start of the free
   * space at the top of the heap. A leak leaves it higher. */
  function heapTop() {
    const p = lib.exports.malloc(1 << 20);
    t.ok(p > 0, 'malloc(1 MiB) failed');
    lib.exports.free(p);
    return p;
  }

  t.test('no leaks: 2,000 rounds of create, handlers, parse (some failing, some in place), free', () => {
    const small = enc.encode(BASIC);
    let kept = 0;
    const round = (/** @type {number} */ i) => {
      const p = i % 3 ? lib.XML_ParserCreate(null) : lib.XML_ParserCreateNS(null, 124);
      try {
        const rec = recorder();
        attachAll(p, rec);
        kept += 13; // attachAll's closures
        if (i % 5 === 0) {
          p.SetStartElementHandler(() => p.StopParser(1)); // replaces a handler
          kept += 1;
          t.equal(p.Parse(small, 1), lib.XML_STATUS_SUSPENDED);
        } else if (i % 5 === 1) {
          raises(() => p.Parse('<a><b></a>', 1), lib.ExpatError);
        } else if (i % 5 === 2) {
          p.GetBuffer(small.length).set(small);
          t.equal(p.ParseBuffer(small.length, 1), lib.XML_STATUS_OK);
        } else {
          t.equal(p.Parse(BASIC, 1), lib.XML_STATUS_OK);
        }
      } finally {
        p[Symbol.dispose]();
      }
    };
    for (let i = 0; i < 200; i++) round(i);
    const memory = lib.memory.buffer.byteLength;
    const top = heapTop();
    const table = lib.exports.__indirect_function_table;
    const slots = table.length;
    kept = 0;
    for (let i = 0; i < 2000; i++) round(i);
    t.equal(lib.memory.buffer.byteLength, memory, 'the wasm memory did not grow');
    t.equal(heapTop(), top, 'the free space at the top of the heap starts where it did');
    // A released callback's slot is never reused (C might still hold it).
    t.equal(table.length, slots + kept, 'the function table grew by one entry per kept handler');
  });
}
