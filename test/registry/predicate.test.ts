// selectionPredicate: the label selector grammar and validation, field selectors on metadata and
// on a version's selectable fields, and kube's 400 messages for bad input.
import { expect } from 'chai';
import { groups } from '../../generated/index.js';
import { StatusError } from '../../runtime/machinery/errors.js';
import type { JSONObject } from '../../runtime/machinery/registration.js';
import { RESTMapper, type RESTMapping } from '../../runtime/machinery/restmapper.js';
import { Scheme } from '../../runtime/machinery/scheme.js';
import { parseFieldSelector } from '../../runtime/registry/fieldselector.js';
import { parseLabelSelector } from '../../runtime/registry/labelselector.js';
import { selectionPredicate } from '../../runtime/registry/predicate.js';

const mapper = new RESTMapper(new Scheme(groups));
function mapping(group: string, version: string, resource: string): RESTMapping {
  const m = mapper.mappingFor({ group, version, resource });
  if (!m) throw new Error(`no mapping for ${group}/${version}/${resource}`);
  return m;
}
const widgetsV1 = mapping('example.com', 'v1', 'widgets');
const widgetsV1alpha1 = mapping('example.com', 'v1alpha1', 'widgets');
const configMaps = mapping('', 'v1', 'configmaps');
const namespaces = mapping('', 'v1', 'namespaces');

/** The 400 message a call throws. */
function badRequest(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(StatusError);
    const status = (err as StatusError).status;
    expect(status.code).to.equal(400);
    expect(status.reason).to.equal('BadRequest');
    return status.message ?? '';
  }
  expect.fail('expected a 400');
}

function labels(selector: string, set: Record<string, string>): boolean {
  return parseLabelSelector(selector).matches(set);
}

const QUALIFIED_NAME_REGEX =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_REGEX =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end " +
  "with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is " +
  "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('label selectors', () => {
  const set = { app: 'web', tier: 'front', 'example.com/team': 'a', empty: '' };

  it('treats absent, empty and blank selectors as everything', () => {
    for (const s of [undefined, '', '   ']) {
      const sel = parseLabelSelector(s);
      expect(sel.empty).to.equal(true);
      expect(sel.matches({})).to.equal(true);
    }
  });

  it('evaluates =, == and !=', () => {
    expect(labels('app=web', set)).to.equal(true);
    expect(labels('app==web', set)).to.equal(true);
    expect(labels('app=db', set)).to.equal(false);
    expect(labels('app!=db', set)).to.equal(true);
    expect(labels('app!=web', set)).to.equal(false);
    expect(labels('missing!=x', set)).to.equal(true); // != matches an absent key
    expect(labels('missing=', set)).to.equal(false); // = needs the key
    expect(labels('empty=', set)).to.equal(true);
    expect(labels('empty= ,app=web', set)).to.equal(true);
  });

  it('evaluates in and notin', () => {
    expect(labels('app in (db,web)', set)).to.equal(true);
    expect(labels('app in (db)', set)).to.equal(false);
    expect(labels('missing in (x)', set)).to.equal(false);
    expect(labels('app notin (db)', set)).to.equal(true);
    expect(labels('app notin (db, web)', set)).to.equal(false);
    expect(labels('missing notin (x)', set)).to.equal(true);
    // Empty entries are the empty value, as in kube: "()" is the set {""}.
    expect(labels('empty in ()', set)).to.equal(true);
    expect(labels('empty in (x,)', set)).to.equal(true);
    expect(labels('app in (,web)', set)).to.equal(true);
  });

  it('evaluates exists, !key, gt and lt', () => {
    expect(labels('app', set)).to.equal(true);
    expect(labels('missing', set)).to.equal(false);
    expect(labels('!missing', set)).to.equal(true);
    expect(labels('!app', set)).to.equal(false);
    expect(labels('n>3', { n: '4' })).to.equal(true);
    expect(labels('n>3', { n: '3' })).to.equal(false);
    expect(labels('n<3', { n: '2' })).to.equal(true);
    expect(labels('n<3', { n: 'x' })).to.equal(false);
    expect(labels('n<3', {})).to.equal(false);
  });

  it('ANDs requirements, accepts prefixed keys, keywords as keys and values, and whitespace', () => {
    expect(labels(' app = web , tier in ( front , back ) , !missing ', set)).to.equal(true);
    expect(labels('app=web,tier=back', set)).to.equal(false);
    expect(labels('example.com/team=a', set)).to.equal(true);
    expect(labels('in in (in,notin)', { in: 'notin' })).to.equal(true);
    expect(labels('x\tin\t(a)', { x: 'a' })).to.equal(true);
  });

  it('reports syntax errors with kube messages', () => {
    const cases: [string, string][] = [
      ['app=web,,tier=front', "found ',', expected: identifier after ','"],
      ['app=web,', "found '', expected: identifier after ','"],
      ['x==a==b', "found '==', expected: ',' or 'end of string'"],
      ['!x=a', "found '=', expected: ',' or 'end of string'"],
      ['=a', "found '=', expected: !, identifier, or 'end of string'"],
      ['app web', "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt"],
      ['x in', "unable to parse requirement: found '' expected: '('"],
      ['x in a', "unable to parse requirement: found 'a' expected: '('"],
      ['x notin (a', "unable to parse requirement: found '', expected: ',' or ')'"],
      ['x in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
      ['x in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
      ['x in (a,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
      ['x (a)', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
      ['x=(', "unable to parse requirement: found '(', expected: identifier"],
      ['!', "unable to parse requirement: found '', expected: identifier"],
      ['!=a', "found '!=', expected: !, identifier, or 'end of string'"],
      ['! =a', "unable to parse requirement: found '=', expected: identifier"],
    ];
    for (const [selector, message] of cases) {
      expect(badRequest(() => parseLabelSelector(selector)), selector).to.equal(message);
    }
  });

  it('validates keys and values as kube does', () => {
    expect(badRequest(() => parseLabelSelector('a b:c=x'))).to.equal("unable to parse requirement: found 'b:c', expected: in, notin, =, ==, !=, gt, lt");
    expect(badRequest(() => parseLabelSelector('app:web'))).to.equal(
      `unable to parse requirement: <nil>: Invalid value: "app:web": name part ${QUALIFIED_NAME_REGEX}`,
    );
    expect(badRequest(() => parseLabelSelector('a/b/c'))).to.equal(
      `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name ${QUALIFIED_NAME_REGEX} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    );
    expect(badRequest(() => parseLabelSelector('Example.com/x'))).to.match(
      /^unable to parse requirement: <nil>: Invalid value: "Example.com\/x": prefix part a lowercase RFC 1123 subdomain must consist of/,
    );
    expect(badRequest(() => parseLabelSelector('/x'))).to.equal('unable to parse requirement: <nil>: Invalid value: "/x": prefix part must be non-empty');
    const longKey = 'k'.repeat(64);
    expect(badRequest(() => parseLabelSelector(longKey))).to.equal(
      `unable to parse requirement: <nil>: Invalid value: "${longKey}": name part must be no more than 63 characters`,
    );
    expect(badRequest(() => parseLabelSelector('app=a*b'))).to.equal(
      `unable to parse requirement: values[0][app]: Invalid value: "a*b": ${LABEL_VALUE_REGEX}`,
    );
    const longValue = 'v'.repeat(64);
    expect(badRequest(() => parseLabelSelector(`app=${longValue}`))).to.equal(
      `unable to parse requirement: values[0][app]: Invalid value: "${longValue}": must be no more than 63 characters`,
    );
    // Sorted values, several errors aggregated in brackets.
    expect(badRequest(() => parseLabelSelector('app in (ok,-b,-a)'))).to.equal(
      `unable to parse requirement: [values[0][app]: Invalid value: "-a": ${LABEL_VALUE_REGEX}, values[1][app]: Invalid value: "-b": ${LABEL_VALUE_REGEX}]`,
    );
    expect(badRequest(() => parseLabelSelector('n>x'))).to.match(
      /^unable to parse requirement: values\[0\]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer$/,
    );
    // 63 characters is fine.
    expect(parseLabelSelector(`${'k'.repeat(63)}=${'v'.repeat(63)}`).empty).to.equal(false);
  });
});

describe('field selectors', () => {
  const obj: JSONObject = { metadata: { name: 'a,b', namespace: 'ns1' }, spec: { color: 'red', size: 3, on: true } };

  it('matches metadata.name and metadata.namespace with =, == and !=', () => {
    const f = (s: string) => parseFieldSelector(s, []).matches(obj);
    expect(f('metadata.namespace=ns1')).to.equal(true);
    expect(f('metadata.namespace==ns1')).to.equal(true);
    expect(f('metadata.namespace!=ns1')).to.equal(false);
    expect(f('metadata.namespace!=ns2')).to.equal(true);
    expect(f('metadata.name=a\\,b')).to.equal(true); // escaped comma
    expect(f('metadata.name=a\\,b,metadata.namespace=ns2')).to.equal(false); // comma = AND
    expect(f('metadata.name=a\\,b,metadata.namespace=ns1')).to.equal(true);
    expect(parseFieldSelector('metadata.name=x\\=y\\\\z', []).matches({ metadata: { name: 'x=y\\z' } })).to.equal(true);
  });

  it('compares an absent field as the empty string', () => {
    expect(parseFieldSelector('metadata.namespace=', []).matches({ metadata: { name: 'g' } })).to.equal(true);
    expect(parseFieldSelector('metadata.namespace!=', []).matches({ metadata: { name: 'g' } })).to.equal(false);
    expect(parseFieldSelector('spec.color=', ['spec.color']).matches({ metadata: {} })).to.equal(true);
  });

  it('reads selectable fields, printing numbers and booleans', () => {
    const fields = ['spec.color', 'spec.size', 'spec.on'];
    expect(parseFieldSelector('spec.color=red', fields).matches(obj)).to.equal(true);
    expect(parseFieldSelector('spec.size=3,spec.on=true', fields).matches(obj)).to.equal(true);
    expect(parseFieldSelector('spec.size!=3', fields).matches(obj)).to.equal(false);
    expect(parseFieldSelector('spec.color=red', fields).metadataOnly).to.equal(false);
    expect(parseFieldSelector('metadata.name=x', fields).metadataOnly).to.equal(true);
  });

  it('reports bad syntax, escapes and unknown fields with kube messages', () => {
    expect(badRequest(() => parseFieldSelector('metadata.name', []))).to.equal(
      "invalid selector: 'metadata.name'; can't understand 'metadata.name'",
    );
    expect(badRequest(() => parseFieldSelector('metadata.name=a=b', []))).to.equal(
      'invalid field selector: unescaped character in value: =',
    );
    expect(badRequest(() => parseFieldSelector('metadata.name=a\\x', []))).to.equal(
      'invalid field selector: invalid escape sequence: \\x',
    );
    expect(badRequest(() => parseFieldSelector('metadata.name=a\\', []))).to.equal('invalid field selector: invalid escape sequence: \\');
    expect(badRequest(() => parseFieldSelector('spec.foo=x', []))).to.equal(
      '"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(badRequest(() => parseFieldSelector('spec.foo=x', ['spec.color']))).to.equal('field label not supported: spec.foo');
    // Whitespace is not trimmed (kube does not either).
    expect(badRequest(() => parseFieldSelector('metadata.name =x', []))).to.equal(
      '"metadata.name " is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
  });
});

describe('selectionPredicate', () => {
  const v1: JSONObject = {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w1', namespace: 'ns', labels: { app: 'web' } },
    spec: { color: 'red' },
  };
  const v1alpha1: JSONObject = { ...v1, apiVersion: 'example.com/v1alpha1', spec: { paint: 'red' } };

  it('is empty without selectors', () => {
    const p = selectionPredicate(widgetsV1);
    expect(p.empty).to.equal(true);
    expect(p.matches(v1)).to.equal(true);
  });

  it('combines labels and fields', () => {
    expect(selectionPredicate(widgetsV1, 'app=web', 'metadata.name=w1').matches(v1)).to.equal(true);
    expect(selectionPredicate(widgetsV1, 'app=db', 'metadata.name=w1').matches(v1)).to.equal(false);
    expect(selectionPredicate(widgetsV1, 'app=web', 'metadata.name=w2').matches(v1)).to.equal(false);
    expect(selectionPredicate(widgetsV1, '!app').matches({ metadata: { name: 'x' } })).to.equal(true);
  });

  it("uses the URL version's selectable fields", () => {
    expect(selectionPredicate(widgetsV1, undefined, 'spec.color=red').matches(v1)).to.equal(true);
    expect(selectionPredicate(widgetsV1alpha1, undefined, 'spec.paint=red').matches(v1alpha1)).to.equal(true);
    expect(selectionPredicate(widgetsV1alpha1, undefined, 'spec.paint!=red').matches(v1alpha1)).to.equal(false);
    expect(badRequest(() => selectionPredicate(widgetsV1, undefined, 'spec.paint=red'))).to.equal('field label not supported: spec.paint');
    expect(badRequest(() => selectionPredicate(widgetsV1alpha1, undefined, 'spec.color=red'))).to.equal('field label not supported: spec.color');
    expect(selectionPredicate(namespaces, undefined, 'status.phase=Active').matches({ metadata: { name: 'n' }, status: { phase: 'Active' } })).to.equal(true);
    expect(badRequest(() => selectionPredicate(configMaps, undefined, 'data.a=1'))).to.equal(
      '"data.a" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
  });

  it('reports label errors before field errors', () => {
    expect(badRequest(() => selectionPredicate(widgetsV1, 'a=b c', 'spec.foo=x'))).to.equal("found 'c', expected: ',' or 'end of string'");
  });
});
