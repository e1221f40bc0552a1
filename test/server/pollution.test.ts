// Prototype pollution through every write path. The server runs in this process (createServer,
// not the child process startTestServer spawns), so a `__proto__` / `constructor.prototype` key
// that reached Object.prototype anywhere in decoding, defaulting, conversion, patching, apply or
// managedFields would show up here: after every request Object.prototype (and Array.prototype) must
// be exactly what it was, and the answer must be a 2xx or 4xx, never a 500.
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GroupRegistration } from '../../runtime/machinery/registration.js';
import { type ApiServer, createServer } from '../../runtime/server/server.js';
import { USING_GENERATED } from './testserver.js';

type Obj = Record<string, unknown>;

async function loadGroups(): Promise<GroupRegistration[]> {
  if (USING_GENERATED) return (await import('../../generated/index.js')).groups;
  return (await import('../fixtures/server/groups.js')).serverTestGroups;
}

/** Every own property of a prototype, by identity of its value/getter/setter. */
function snapshot(proto: object): Map<PropertyKey, PropertyDescriptor> {
  const out = new Map<PropertyKey, PropertyDescriptor>();
  for (const key of Reflect.ownKeys(proto)) out.set(key, Object.getOwnPropertyDescriptor(proto, key)!);
  return out;
}

function changedKeys(proto: object, before: Map<PropertyKey, PropertyDescriptor>): string[] {
  const changed: string[] = [];
  const now = snapshot(proto);
  for (const [key, d] of now) {
    const was = before.get(key);
    if (!was || !Object.is(was.value, d.value) || was.get !== d.get || was.set !== d.set) changed.push(String(key));
  }
  for (const key of before.keys()) if (!now.has(key)) changed.push(String(key));
  return changed;
}

const PROTOS: [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
];

// The same payload at the three dangerous keys, as raw JSON (JSON.stringify of an object literal
// with `__proto__` would set the prototype instead of writing the key).
const HOSTILE = `"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}`;
const HOSTILE_YAML = (indent: string) =>
  [`__proto__:`, `  polluted: "yes"`, `constructor:`, `  prototype:`, `    polluted: "yes"`, `prototype:`, `  polluted: "yes"`]
    .map((l) => indent + l)
    .join('\n');

describe('prototype pollution (server in this process)', function () {
  this.timeout(60_000);
  let server: ApiServer;
  let url: string;
  let dataDir: string;
  let baseline: Map<object, Map<PropertyKey, PropertyDescriptor>>;

  const CMS = '/api/v1/namespaces/default/configmaps';
  const SERVICES = '/api/v1/namespaces/default/services';
  const WIDGETS = '/apis/example.com/v1/namespaces/default/widgets';

  before(async function () {
    if (!USING_GENERATED) this.skip(); // the paths below are the generated groups' (example.com/v1)
    dataDir = await mkdtemp(join(tmpdir(), 'kapi-pollution-'));
    server = createServer({ bindAddress: '127.0.0.1', port: 0, dataDir, storageBackend: 'level', groups: await loadGroups(), logLevel: 'silent' });
    url = (await server.start()).url;
    baseline = new Map(PROTOS.map(([, p]) => [p, snapshot(p)]));
  });
  after(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  afterEach(() => {
    // Undo a pollution so one failure does not cascade into every later test (and mocha itself).
    for (const [, proto] of PROTOS) {
      for (const key of Reflect.ownKeys(proto)) if (!baseline.get(proto)!.has(key)) delete (proto as Obj)[key as string];
    }
  });

  interface Answer {
    status: number;
    body: Obj | undefined;
    text: string;
  }

  async function send(method: string, path: string, raw: string, contentType: string): Promise<Answer> {
    const res = await fetch(url + path, { method, headers: { 'content-type': contentType }, body: raw });
    const text = await res.text();
    let body: Obj | undefined;
    try {
      body = JSON.parse(text) as Obj;
    } catch {
      body = undefined;
    }
    return { status: res.status, body, text };
  }

  /** Sends, then checks nothing leaked into a prototype and the answer was 2xx/4xx. */
  async function probe(label: string, method: string, path: string, raw: string, contentType: string): Promise<Answer> {
    const res = await send(method, path, raw, contentType);
    expect(({} as Obj).polluted, `${label}: ({}).polluted`).to.equal(undefined);
    expect(Object.create(null) instanceof Object).to.equal(false);
    for (const [name, proto] of PROTOS) {
      expect(changedKeys(proto, baseline.get(proto)!), `${label}: ${name} changed`).to.deep.equal([]);
    }
    expect(res.status, `${label}: ${res.text}`).to.satisfy((s: number) => (s >= 200 && s < 300) || (s >= 400 && s < 500));
    return res;
  }

  async function createConfigMap(name: string, data: Obj = { a: '1' }): Promise<Obj> {
    const res = await send('POST', CMS, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data }), 'application/json');
    expect(res.status, res.text).to.equal(201);
    return res.body!;
  }

  async function createWidget(name: string): Promise<Obj> {
    const res = await send('POST', WIDGETS, JSON.stringify({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name }, spec: { color: 'red' } }), 'application/json');
    expect(res.status, res.text).to.equal(201);
    return res.body!;
  }

  it('detects pollution at all (the check itself can fail)', () => {
    (Object.prototype as Obj).polluted = 'yes';
    try {
      expect(({} as Obj).polluted).to.equal('yes');
      expect(changedKeys(Object.prototype, baseline.get(Object.prototype)!)).to.deep.equal(['polluted']);
    } finally {
      delete (Object.prototype as Obj).polluted;
    }
    expect(changedKeys(Object.prototype, baseline.get(Object.prototype)!)).to.deep.equal([]);
  });

  it('create (JSON): hostile keys at the top, in metadata, labels, annotations, data and spec', async () => {
    const bodies: [string, string, string][] = [
      ['cm top+metadata', CMS, `{"apiVersion":"v1","kind":"ConfigMap",${HOSTILE},"metadata":{"name":"pj1",${HOSTILE}},"data":{"a":"1"}}`],
      ['cm labels/annotations', CMS, `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"pj2","labels":{${HOSTILE}},"annotations":{${HOSTILE}}}}`],
      ['cm data objects', CMS, `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"pj3"},"data":{${HOSTILE}},"binaryData":{${HOSTILE}}}`],
      ['widget spec/status', WIDGETS, `{"apiVersion":"example.com/v1","kind":"Widget",${HOSTILE},"metadata":{"name":"pj4"},"spec":{"color":"red",${HOSTILE}},"status":{${HOSTILE}}}`],
      ['widget strict', `${WIDGETS}?fieldValidation=Strict`, `{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"pj5",${HOSTILE}},"spec":{${HOSTILE}}}`],
      ['service ports', SERVICES, `{"apiVersion":"v1","kind":"Service","metadata":{"name":"pj6"},"spec":{"ports":[{"port":80,${HOSTILE}}],"selector":{${HOSTILE}}}}`],
      [
        'managedFields',
        CMS,
        `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"pj7","managedFields":[{"manager":"m","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:__proto__":{"f:polluted":{}},"f:constructor":{"f:prototype":{}},${HOSTILE}}}]},"data":{"a":"1"}}`,
      ],
    ];
    for (const [label, path, raw] of bodies) await probe(`create ${label}`, 'POST', path, raw, 'application/json');
  });

  it('create (JSON) keeps a `__proto__` data key as plain data', async () => {
    const res = await probe('create data.__proto__', 'POST', CMS, `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"pj-data"},"data":{"__proto__":"y","constructor":"z","prototype":"p"}}`, 'application/json');
    expect(res.status, res.text).to.equal(201);
    const read = await fetch(`${url}${CMS}/pj-data`).then((r) => r.text());
    expect(JSON.parse(read).data).to.deep.equal(JSON.parse('{"__proto__":"y","constructor":"z","prototype":"p"}'));
  });

  it('create (YAML): hostile keys at the top, in metadata, labels and data', async () => {
    const bodies: [string, string, string][] = [
      ['cm', CMS, `apiVersion: v1\nkind: ConfigMap\n${HOSTILE_YAML('')}\nmetadata:\n  name: py1\n${HOSTILE_YAML('  ')}\n  labels:\n${HOSTILE_YAML('    ')}\ndata:\n${HOSTILE_YAML('  ')}\n`],
      ['cm data string', CMS, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: py2\ndata:\n  __proto__: "y"\n  constructor: "z"\n`],
      ['widget', WIDGETS, `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: py3\nspec:\n  color: red\n${HOSTILE_YAML('  ')}\n`],
      // YAML merge keys and anchors must not smuggle a prototype either.
      ['merge key', CMS, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: py4\n  labels: &l\n    __proto__:\n      polluted: "yes"\ndata:\n  <<: *l\n`],
    ];
    for (const [label, path, raw] of bodies) await probe(`yaml ${label}`, 'POST', path, raw, 'application/yaml');
    const py2 = JSON.parse(await fetch(`${url}${CMS}/py2`).then((r) => r.text()));
    expect(Object.prototype.hasOwnProperty.call(py2.data ?? {}, '__proto__'), JSON.stringify(py2)).to.equal(true);
  });

  it('update (PUT, JSON and YAML)', async () => {
    const cm = await createConfigMap('pu1');
    const meta = cm.metadata as Obj;
    const rv = String(meta.resourceVersion);
    await probe('put cm json', 'PUT', `${CMS}/pu1`, `{"apiVersion":"v1","kind":"ConfigMap",${HOSTILE},"metadata":{"name":"pu1","resourceVersion":"${rv}",${HOSTILE},"labels":{${HOSTILE}}},"data":{${HOSTILE}}}`, 'application/json');
    await probe('put cm yaml', 'PUT', `${CMS}/pu1`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pu1\n${HOSTILE_YAML('  ')}\ndata:\n  __proto__: "y"\n${HOSTILE_YAML('')}\n`, 'application/yaml');
    await createWidget('pu2');
    await probe('put widget', 'PUT', `${WIDGETS}/pu2`, `{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"pu2"},"spec":{"color":"blue",${HOSTILE}},${HOSTILE}}`, 'application/json');
    await probe('put widget status', 'PUT', `${WIDGETS}/pu2/status`, `{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"pu2"},"status":{"replicas":1,${HOSTILE}},${HOSTILE}}`, 'application/json');
    await probe('put widget scale', 'PUT', `${WIDGETS}/pu2/scale`, `{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"pu2",${HOSTILE}},"spec":{"replicas":2,${HOSTILE}},${HOSTILE}}`, 'application/json');
  });

  it('merge patch', async () => {
    await createConfigMap('pm1');
    await createWidget('pm2');
    const patches = [
      `{${HOSTILE}}`,
      `{"metadata":{${HOSTILE},"labels":{${HOSTILE}},"annotations":{${HOSTILE}}}}`,
      `{"data":{${HOSTILE}}}`,
      `{"data":{"__proto__":"y"}}`,
      `{"metadata":{"__proto__":null,"constructor":null}}`,
    ];
    for (const p of patches) await probe(`merge cm ${p}`, 'PATCH', `${CMS}/pm1`, p, 'application/merge-patch+json');
    for (const p of [`{${HOSTILE}}`, `{"spec":{${HOSTILE}}}`, `{"spec":{"__proto__":{"size":-1}}}`]) {
      await probe(`merge widget ${p}`, 'PATCH', `${WIDGETS}/pm2`, p, 'application/merge-patch+json');
    }
    await probe('merge widget status', 'PATCH', `${WIDGETS}/pm2/status`, `{"status":{${HOSTILE}}}`, 'application/merge-patch+json');
    const cm = JSON.parse(await fetch(`${url}${CMS}/pm1`).then((r) => r.text()));
    expect(cm.data.__proto__ === undefined || typeof cm.data.__proto__ === 'string', JSON.stringify(cm)).to.equal(true);
  });

  it('strategic merge patch (ConfigMap, Service lists and directives)', async () => {
    await createConfigMap('ps1');
    const svc = await send('POST', SERVICES, JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ps2' }, spec: { ports: [{ port: 80 }] } }), 'application/json');
    expect(svc.status, svc.text).to.equal(201);
    const smp = 'application/strategic-merge-patch+json';
    const cmPatches = [
      `{${HOSTILE}}`,
      `{"metadata":{${HOSTILE},"labels":{${HOSTILE}}}}`,
      `{"data":{${HOSTILE}}}`,
      `{"$patch":"replace",${HOSTILE}}`,
      `{"metadata":{"$patch":"replace",${HOSTILE}}}`,
      `{"$retainKeys":["__proto__","constructor"],${HOSTILE}}`,
      `{"$setElementOrder/__proto__":[{"polluted":"yes"}],"$deleteFromPrimitiveList/constructor":["prototype"]}`,
      `{"metadata":{"finalizers":["a"],"$setElementOrder/finalizers":["__proto__"],"$deleteFromPrimitiveList/finalizers":["__proto__"]}}`,
    ];
    for (const p of cmPatches) await probe(`smp cm ${p}`, 'PATCH', `${CMS}/ps1`, p, smp);
    const svcPatches = [
      `{"spec":{"ports":[{"port":80,${HOSTILE}}]}}`,
      `{"spec":{"ports":[{"port":81,"name":"b"}],"$setElementOrder/ports":[{"port":81},{"port":80}],${HOSTILE}}}`,
      `{"spec":{"ports":[{"port":80,"$patch":"delete",${HOSTILE}}]}}`,
      `{"spec":{"ports":[{"$patch":"replace"},{${HOSTILE}}]}}`,
      `{"spec":{"selector":{${HOSTILE}},"$retainKeys":["__proto__"]}}`,
    ];
    for (const p of svcPatches) await probe(`smp svc ${p}`, 'PATCH', `${SERVICES}/ps2`, p, smp);
    await createWidget('ps3');
    await probe('smp widget', 'PATCH', `${WIDGETS}/ps3`, `{"spec":{${HOSTILE}}}`, smp);
  });

  it('JSON patch (paths through __proto__, constructor and prototype)', async () => {
    await createConfigMap('pjp1');
    await createWidget('pjp2');
    const ops: unknown[][] = [
      [{ op: 'add', path: '/metadata/__proto__/polluted', value: 'yes' }],
      [{ op: 'add', path: '/__proto__/polluted', value: 'yes' }],
      [{ op: 'add', path: '/metadata/labels', value: {} }, { op: 'add', path: '/metadata/labels/__proto__', value: { polluted: 'yes' } }],
      [{ op: 'replace', path: '/constructor/prototype/polluted', value: 'yes' }],
      [{ op: 'add', path: '/data/constructor/prototype/polluted', value: 'yes' }],
      [{ op: 'add', path: '/prototype/polluted', value: 'yes' }],
      [{ op: 'copy', from: '/metadata/name', path: '/__proto__/polluted' }],
      [{ op: 'move', from: '/data/a', path: '/metadata/__proto__/polluted' }],
      [{ op: 'add', path: '/data/__proto__', value: 'y' }],
      [{ op: 'test', path: '/__proto__', value: {} }],
      [{ op: 'remove', path: '/__proto__/hasOwnProperty' }],
      [{ op: 'remove', path: '/constructor/prototype/toString' }],
    ];
    for (const o of ops) await probe(`json patch cm ${JSON.stringify(o)}`, 'PATCH', `${CMS}/pjp1`, JSON.stringify(o), 'application/json-patch+json');
    for (const o of [[{ op: 'add', path: '/spec/__proto__/polluted', value: 'yes' }], [{ op: 'add', path: '/spec/constructor/prototype/polluted', value: 'yes' }]]) {
      await probe(`json patch widget ${JSON.stringify(o)}`, 'PATCH', `${WIDGETS}/pjp2`, JSON.stringify(o), 'application/json-patch+json');
    }
    // Raw `__proto__` keys inside an operation's value (JSON.stringify would drop them).
    const raw = `[{"op":"add","path":"/metadata/annotations","value":{${HOSTILE}}},{"op":"add","path":"/spec","value":{"color":"red",${HOSTILE}}}]`;
    await probe('json patch raw values', 'PATCH', `${WIDGETS}/pjp2`, raw, 'application/json-patch+json');
    await probe('json patch op with __proto__', 'PATCH', `${CMS}/pjp1`, `[{"op":"add","path":"/data/x","value":"1",${HOSTILE}}]`, 'application/json-patch+json');
  });

  it('server-side apply (YAML and JSON, create and update, managedFields)', async () => {
    const apply = 'application/apply-patch+yaml';
    const cases: [string, string, string][] = [
      ['create cm yaml', `${CMS}/pa1`, `apiVersion: v1\nkind: ConfigMap\n${HOSTILE_YAML('')}\nmetadata:\n  name: pa1\n${HOSTILE_YAML('  ')}\n  labels:\n${HOSTILE_YAML('    ')}\ndata:\n${HOSTILE_YAML('  ')}\n`],
      ['create cm data key', `${CMS}/pa2`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pa2\ndata:\n  __proto__: "y"\n  constructor: "z"\n`],
      ['update cm data key', `${CMS}/pa2`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pa2\ndata:\n  __proto__: "y2"\n  prototype: "p"\n`],
      ['cm json', `${CMS}/pa3`, `{"apiVersion":"v1","kind":"ConfigMap",${HOSTILE},"metadata":{"name":"pa3",${HOSTILE}},"data":{"__proto__":"y"}}`],
      ['widget', `${WIDGETS}/pa4`, `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: pa4\nspec:\n  color: red\n${HOSTILE_YAML('  ')}\n`],
      ['service ports', `${SERVICES}/pa5`, `{"apiVersion":"v1","kind":"Service","metadata":{"name":"pa5"},"spec":{"ports":[{"port":80,${HOSTILE}}],"selector":{"__proto__":"x"}}}`],
      [
        'managedFields in body',
        `${CMS}/pa6`,
        `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"pa6","managedFields":[{"manager":"__proto__","operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:__proto__":{"f:polluted":{}},"f:constructor":{"f:prototype":{}}}}]},"data":{"a":"1"}}`,
      ],
    ];
    for (const [label, path, raw] of cases) {
      await probe(`apply ${label}`, 'PATCH', `${path}?fieldManager=m&force=true`, raw, apply);
      await probe(`apply ${label} (manager __proto__)`, 'PATCH', `${path}?fieldManager=__proto__`, raw, apply);
    }
    const pa2 = JSON.parse(await fetch(`${url}${CMS}/pa2`).then((r) => r.text()));
    expect(Object.prototype.hasOwnProperty.call(pa2.data ?? {}, '__proto__'), JSON.stringify(pa2)).to.equal(true);
    expect(await fetch(`${url}/healthz`).then((r) => r.status)).to.equal(200);
  });
});
