#!/usr/bin/env python3
"""The reference events for examples/expat: Python's xml.parsers.expat (its
own libexpat, independent of the one compiled to WebAssembly) parses the
documents that examples/expat/suite.mjs describes and prints what it reports.

    node -e '...referenceInput()...' | python3 reference.py > refs.json

Input (stdin, JSON): {"cases": [case, ...]}, each case
    name        its key in the output
    text | bytes | base64   the document: a string (UTF-8), byte values, or base64
    encoding    the encoding given to ParserCreate (null: none)
    ns          the namespace separator (null: no namespace processing)
    triplets    namespace_prefixes (XML_SetReturnNSTriplet)
    positions   true: start events are ["start", name, line, column, byte index]
    steps       instead of one document: [{"feed": text, "final": bool} |
                {"set": {"start" | "end" | "chars": tag or null}}], the
                handlers tagged ("A.start") and replaced between feeds
    digest      true: only the number of events and the SHA-256 of their
                JSON lines, for a large document
    errorStrings (top level) N: also output errorStrings, ErrorString(1..N)
Output (stdout, JSON): {name: {"events": [...], "error": null | {code,
message, line, column}} | {"count": n, "sha256": hex, "error": ...},
"errorStrings": [...]}.

Events, as suite.mjs records them: ["start", name, [the specified
attributes' names and values, in order]], ["end", name], ["chars", text] (adjacent runs
joined), ["pi", target, data], ["comment", data], ["startcdata"],
["endcdata"], ["startns", prefix, uri], ["endns", prefix], ["xmldecl",
version, encoding, standalone], ["doctype", name, sysid, pubid,
has_internal_subset], ["enddoctype"], ["entity", name, is_parameter_entity,
value, base, systemId, publicId, notationName].
"""
import base64
import hashlib
import json
import sys
from xml.parsers import expat


class Recorder:
    def __init__(self):
        self.events = []

    def add(self, *event):
        event = list(event)
        last = self.events[-1] if self.events else None
        if last is not None and event[0].endswith('chars') and last[0] == event[0]:
            last[1] += event[1]
        else:
            self.events.append(event)


def make_parser(case):
    p = expat.ParserCreate(case.get('encoding'), case.get('ns'))
    p.ordered_attributes = True
    p.specified_attributes = True
    if case.get('triplets'):
        p.namespace_prefixes = True
    return p


def attach_all(p, rec, positions=False):
    p.StartElementHandler = lambda name, atts: rec.add('start', name, atts)
    if positions:
        p.StartElementHandler = lambda name, atts: rec.add(
            'start', name, p.CurrentLineNumber, p.CurrentColumnNumber, p.CurrentByteIndex)
    p.EndElementHandler = lambda name: rec.add('end', name)
    p.CharacterDataHandler = lambda s: rec.add('chars', s)
    p.ProcessingInstructionHandler = lambda target, data: rec.add('pi', target, data)
    p.CommentHandler = lambda data: rec.add('comment', data)
    p.StartCdataSectionHandler = lambda: rec.add('startcdata')
    p.EndCdataSectionHandler = lambda: rec.add('endcdata')
    p.StartNamespaceDeclHandler = lambda prefix, uri: rec.add('startns', prefix, uri)
    p.EndNamespaceDeclHandler = lambda prefix: rec.add('endns', prefix)
    p.XmlDeclHandler = lambda version, encoding, standalone: rec.add('xmldecl', version, encoding, standalone)
    p.StartDoctypeDeclHandler = lambda name, sysid, pubid, internal: rec.add('doctype', name, sysid, pubid, internal)
    p.EndDoctypeDeclHandler = lambda: rec.add('enddoctype')
    p.EntityDeclHandler = (lambda name, is_pe, value, base, system_id, public_id, notation:
                           rec.add('entity', name, is_pe, value, base, system_id, public_id, notation))


def document(case):
    if 'text' in case:
        return case['text'].encode('utf-8')
    if 'base64' in case:
        return base64.b64decode(case['base64'])
    return bytes(case['bytes'])


def error_of(p, e):
    return {'code': e.code, 'message': expat.ErrorString(e.code), 'line': e.lineno, 'column': e.offset}


def run_document(case):
    p = make_parser(case)
    rec = Recorder()
    attach_all(p, rec, case.get('positions', False))
    error = None
    try:
        p.Parse(document(case), True)
    except expat.ExpatError as e:
        error = error_of(p, e)
    if case.get('digest'):
        lines = '\n'.join(json.dumps(ev, ensure_ascii=False, separators=(',', ':')) for ev in rec.events)
        return {'count': len(rec.events), 'sha256': hashlib.sha256(lines.encode('utf-8')).hexdigest(), 'error': error}
    return {'events': rec.events, 'error': error}


def run_steps(case):
    p = make_parser(case)
    rec = Recorder()
    setters = {
        'start': lambda tag: setattr(p, 'StartElementHandler',
                                     None if tag is None else lambda name, atts: rec.add(tag + '.start', name, atts)),
        'end': lambda tag: setattr(p, 'EndElementHandler',
                                   None if tag is None else lambda name: rec.add(tag + '.end', name)),
        'chars': lambda tag: setattr(p, 'CharacterDataHandler',
                                     None if tag is None else lambda s: rec.add(tag + '.chars', s)),
    }
    error = None
    try:
        for step in case['steps']:
            if 'set' in step:
                for which, tag in step['set'].items():
                    setters[which](tag)
            else:
                p.Parse(step['feed'].encode('utf-8'), bool(step.get('final')))
    except expat.ExpatError as e:
        error = error_of(p, e)
    return {'events': rec.events, 'error': error}


def main():
    given = json.load(sys.stdin)
    out = {c['name']: (run_steps(c) if 'steps' in c else run_document(c)) for c in given['cases']}
    # XML_ErrorString of the codes 1..N
    out['errorStrings'] = [expat.ErrorString(code) for code in range(1, given.get('errorStrings', 0) + 1)]
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
