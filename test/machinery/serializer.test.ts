import { expect } from 'chai';
import { parse as parseYaml } from 'yaml';
import { StatusError } from '../../runtime/machinery/errors.js';
import {
  MAX_NESTING_DEPTH,
  MAX_REQUEST_BYTES,
  decode,
  decodeFromStorage,
  encode,
  encodeForStorage,
  type MediaType,
} from '../../runtime/machinery/serializer.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const JSON_T: MediaType = 'application/json';
const YAML_T: MediaType = 'application/yaml';

function failure(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  throw new Error('expected a StatusError');
}

function assertPrototypeClean(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).to.equal(undefined);
  expect(probe.x).to.equal(undefined);
  expect(Object.keys(Object.prototype)).to.deep.equal([]);
  expect(Object.prototype.toString).to.equal(Object.prototype.toString);
}

describe('machinery/serializer', () => {
  describe('JSON', () => {
    it('decodes an object and reports no duplicates', () => {
      const { obj, duplicateFields } = decode(bytes('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a:b"},"data":{"k":"x\\"y:"}}'), JSON_T);
      expect(obj).to.deep.equal({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a:b' }, data: { k: 'x"y:' } });
      expect(duplicateFields).to.deep.equal([]);
    });

    it('rejects malformed JSON with 400 and the parser message', () => {
      for (const text of ['{"a":}', '', '{"a":1} x', '{"a":1', 'nul']) {
        const e = failure(() => decode(bytes(text), JSON_T));
        expect(e.code, text).to.equal(400);
        expect(e.status.reason).to.equal('BadRequest');
        expect(e.message).to.match(/^couldn't get version\/kind; json parse error: /);
      }
    });

    it('rejects non-object top levels with 400', () => {
      for (const text of ['[]', '1', '"s"', 'null', 'true']) {
        const e = failure(() => decode(bytes(text), JSON_T));
        expect(e.code, text).to.equal(400);
        expect(e.message).to.match(/cannot unmarshal \w+ into an object/);
      }
    });

    it('accepts MAX_NESTING_DEPTH levels and rejects one more (without recursion)', () => {
      const nest = (n: number): string => '{"a":'.repeat(n - 1) + '{}' + '}'.repeat(n - 1);
      expect(() => decode(bytes(nest(MAX_NESTING_DEPTH)), JSON_T)).not.to.throw();
      const e = failure(() => decode(bytes(nest(MAX_NESTING_DEPTH + 1)), JSON_T));
      expect(e.code).to.equal(400);
      expect(e.message).to.contain('nesting depth');
      const hostile = '{"a":' + '['.repeat(1_000_000);
      expect(failure(() => decode(bytes(hostile), JSON_T)).message).to.contain('nesting depth');
      // brackets inside strings do not count
      expect(decode(bytes(`{"a":"${'['.repeat(500)}"}`), JSON_T).obj.a).to.have.length(500);
    });

    it('keeps __proto__ and constructor as own data and leaves Object.prototype untouched', () => {
      const { obj } = decode(
        bytes('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"metadata":{"__proto__":{"polluted":1}}}'),
        JSON_T,
      );
      expect(Object.getPrototypeOf(obj)).to.equal(Object.prototype);
      expect(Object.keys(obj)).to.deep.equal(['__proto__', 'constructor', 'metadata']);
      expect(Object.getOwnPropertyDescriptor(obj, '__proto__')?.value).to.deep.equal({ polluted: true });
      assertPrototypeClean();
      // and it survives encoding as data
      expect(encode(obj, JSON_T)).to.contain('"__proto__":{"polluted":true}');
    });

    it('finds duplicate fields with their paths', () => {
      const text =
        '{"metadata":{"name":"a","name":"b","labels":{"x":"1"}},"spec":{"rules":[{"host":"h"},{"host":"h","bar":1,"host":"i"}],"a\\u0062":1,"ab":2}}';
      const { obj, duplicateFields } = decode(bytes(text), JSON_T);
      expect(duplicateFields).to.deep.equal(['metadata.name', 'spec.rules[1].host', 'spec.ab']);
      expect((obj.metadata as { name: string }).name).to.equal('b', 'last value wins');
    });

    it('refuses bodies over MAX_REQUEST_BYTES with 413', () => {
      const e = failure(() => decode(new Uint8Array(MAX_REQUEST_BYTES + 1), JSON_T));
      expect(e.status).to.include({ code: 413, reason: 'RequestEntityTooLarge' });
    });
  });

  describe('YAML', () => {
    it('decodes a single YAML 1.2 document', () => {
      const text = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  on: yes\n  octal: 0755\n  list: [1, "2"]\n';
      const { obj, duplicateFields } = decode(bytes(text), YAML_T);
      expect(obj).to.deep.equal({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w' },
        spec: { on: 'yes', octal: 755, list: [1, '2'] }, // YAML 1.2: yes is a string, 0755 decimal
      });
      expect(duplicateFields).to.deep.equal([]);
      expect(decode(bytes('---\na: 1\n'), YAML_T).obj).to.deep.equal({ a: 1 });
      expect(decode(bytes('a: 1\n---\n'), YAML_T).obj).to.deep.equal({ a: 1 });
    });

    it('rejects multiple documents, malformed YAML and non-objects with 400', () => {
      expect(failure(() => decode(bytes('a: 1\n---\nb: 2\n'), YAML_T)).message).to.contain('multiple YAML documents');
      const bad = failure(() => decode(bytes('a: [1,\nb: }'), YAML_T));
      expect(bad.code).to.equal(400);
      expect(bad.message).to.match(/^error converting YAML to JSON: yaml: line \d+: /);
      for (const text of ['- 1\n- 2\n', 'just a string', '', '# only a comment\n', '42']) {
        expect(failure(() => decode(bytes(text), YAML_T)).code, JSON.stringify(text)).to.equal(400);
      }
      expect(failure(() => decode(bytes('a: .inf\n'), YAML_T)).code).to.equal(400);
    });

    it('keeps __proto__ and constructor keys as own data', () => {
      const { obj } = decode(bytes('__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    x: 1\nspec:\n  __proto__: {polluted: 1}\n'), YAML_T);
      expect(Object.getPrototypeOf(obj)).to.equal(Object.prototype);
      expect(Object.keys(obj)).to.deep.equal(['__proto__', 'constructor', 'spec']);
      expect(Object.getOwnPropertyDescriptor(obj, '__proto__')?.value).to.deep.equal({ polluted: true });
      expect(Object.keys(obj.spec as object)).to.deep.equal(['__proto__']);
      assertPrototypeClean();
    });

    it('treats << as an ordinary key (no merge) and reports duplicates with paths', () => {
      const { obj, duplicateFields } = decode(
        bytes('metadata:\n  name: a\n  name: b\nspec:\n  rules:\n  - host: x\n    host: y\n  "<<": {z: 1}\n'),
        YAML_T,
      );
      expect(duplicateFields).to.deep.equal(['metadata.name', 'spec.rules[0].host']);
      expect(obj).to.deep.equal({ metadata: { name: 'b' }, spec: { rules: [{ host: 'y' }], '<<': { z: 1 } } });
    });

    it('expands a few aliases into independent copies and refuses alias bombs', () => {
      const { obj } = decode(bytes('a: &x {k: [1]}\nb: *x\n'), YAML_T);
      expect(obj.a).to.deep.equal(obj.b);
      expect(obj.a).not.to.equal(obj.b);
      let bomb = 'l0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
      for (let i = 1; i < 10; i++) {
        bomb += `l${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]\n`;
      }
      const e = failure(() => decode(bytes(bomb), YAML_T));
      expect(e.code).to.equal(400);
    });

    it('refuses an alias whose value contains itself (a cycle) with a 400, at once', () => {
      for (const text of ['a: &a [*a]\n', 'metadata: &m {name: x, labels: *m}\n', 'a: &a {b: [1, {c: *a}]}\n']) {
        const started = Date.now();
        const e = failure(() => decode(bytes(text), YAML_T));
        expect(e.code, text).to.equal(400);
        expect(e.message).to.equal('error converting YAML to JSON: yaml: an anchor value contains itself');
        expect(Date.now() - started).to.be.below(1000);
      }
      // The same anchor used twice side by side is no cycle.
      expect(decode(bytes('a: &x [1]\nb: [*x, *x]\n'), YAML_T).obj).to.deep.equal({ a: [1], b: [[1], [1]] });
    });

    it('rejects nesting deeper than MAX_NESTING_DEPTH', () => {
      const flow = (n: number): string => 'a: ' + '['.repeat(n - 1) + ']'.repeat(n - 1) + '\n';
      expect(() => decode(bytes(flow(MAX_NESTING_DEPTH)), YAML_T)).not.to.throw();
      expect(failure(() => decode(bytes(flow(MAX_NESTING_DEPTH + 1)), YAML_T)).message).to.contain('nesting depth');
      expect(failure(() => decode(bytes('a: ' + '['.repeat(200_000)), YAML_T)).code).to.equal(400);
      let block = '';
      for (let i = 0; i < MAX_NESTING_DEPTH + 5; i++) block += `${' '.repeat(i)}k:\n`;
      expect(failure(() => decode(bytes(block), YAML_T)).message).to.contain('nesting depth');
      expect(failure(() => decode(bytes('a:\n' + '- '.repeat(150) + '1\n'), YAML_T)).message).to.contain('nesting depth');
      expect(() => decode(bytes('a:\n' + '- '.repeat(50) + '1\n'), YAML_T)).not.to.throw();
      // hostile sizes are refused quickly and never crash the process (the yaml composer recurses)
      for (const hostile of ['- '.repeat(1_000_000), 'a: ' + '{a: '.repeat(500_000), '? '.repeat(1_000_000) + 'a']) {
        expect(failure(() => decode(bytes(hostile), YAML_T)).message).to.contain('nesting depth');
      }
    });

    it('keeps !!binary and timestamps as strings (JSON-shaped values only)', () => {
      const { obj } = decode(bytes('a: !!binary aGk=\nb: 2001-12-14\n'), YAML_T);
      expect(obj).to.deep.equal({ a: 'aGk=', b: '2001-12-14' });
    });
  });

  describe('encode', () => {
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'yes', b: '0755', c: 'true', d: '' } };

    it('writes compact JSON', () => {
      expect(encode(obj, JSON_T)).to.equal(JSON.stringify(obj));
    });

    it('writes YAML that round-trips and quotes YAML 1.1 look-alikes', () => {
      const text = encode(obj, YAML_T);
      expect(text).to.contain('a: "yes"');
      expect(text).to.contain('b: "0755"');
      expect(parseYaml(text)).to.deep.equal(obj);
      expect(decode(bytes(text), YAML_T).obj).to.deep.equal(obj);
    });

    it('does not emit anchors for shared objects', () => {
      const shared = { x: 1 };
      expect(encode({ a: shared, b: shared }, YAML_T)).not.to.match(/[&*]/);
    });

    it('storage codec round-trips and reports corruption as 500', () => {
      expect(decodeFromStorage(encodeForStorage(obj))).to.deep.equal(obj);
      expect(failure(() => decodeFromStorage(bytes('{oops'))).code).to.equal(500);
      expect(failure(() => decodeFromStorage(bytes('[1]'))).code).to.equal(500);
    });
  });
});
