// Table output over HTTP (what kubectl get asks for): get, list and watch answer a
// meta.k8s.io/v1 Table built from the kind's printer columns, with includeObject honoured;
// computed columns (`@printColumn ... value=`) give the cells kube-apiserver's printers compute.
import { expect } from 'chai';
import { humanDuration, ageOf } from '../../runtime/endpoints/table/duration.js';
import { evaluateCell, isEmptyValue } from '../../runtime/endpoints/table/evaluate.js';
import { CellExpressionError, firstObjectPath, parseCellExpression } from '../../runtime/endpoints/table/expression.js';
import { evaluateJSONPath, parseJSONPath } from '../../runtime/endpoints/table/jsonpath.js';
import { CONFIGMAPS, GADGETS, USING_GENERATED, WIDGETS, type TestServer, configMap, startTestServer, widget } from './testserver.js';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';
// What kubectl 1.32 sends.
const KUBECTL_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

describe('Table durations and paths (units)', () => {
  it('formats ages like kubectl prints them', () => {
    const s = 1000;
    const m = 60 * s;
    const h = 60 * m;
    const d = 24 * h;
    const cases: [number, string][] = [
      [-3 * s, '<invalid>'],
      [-1500, '0s'],
      [0, '0s'],
      [5 * s, '5s'],
      [119 * s, '119s'],
      [2 * m, '2m'],
      [3 * m + 12 * s, '3m12s'],
      [9 * m + 59 * s, '9m59s'],
      [10 * m + 30 * s, '10m'],
      [179 * m, '179m'],
      [3 * h, '3h'],
      [5 * h + 7 * m, '5h7m'],
      [8 * h + 30 * m, '8h'],
      [47 * h, '47h'],
      [2 * d, '2d'],
      [2 * d + 4 * h, '2d4h'],
      [7 * d + 23 * h, '7d23h'],
      [8 * d + 5 * h, '8d'],
      [729 * d, '729d'],
      [730 * d, '2y'],
      [800 * d, '2y70d'],
      [9 * 365 * d, '9y'],
    ];
    for (const [ms, text] of cases) expect(humanDuration(ms), `${ms}ms`).to.equal(text);
  });

  it('reads timestamps as RFC 3339, empty as <unknown>, garbage as <invalid>', () => {
    const now = Date.parse('2024-05-01T12:00:00Z');
    expect(ageOf('2024-05-01T11:59:30Z', now)).to.equal('30s');
    expect(ageOf('2024-04-29T07:30:00.123+00:00', now)).to.equal('2d4h');
    expect(ageOf('', now)).to.equal('<unknown>');
    expect(ageOf('yesterday', now)).to.equal('<invalid>');
    expect(ageOf('2024-05-01 11:00:00', now)).to.equal('<invalid>');
  });

  it('evaluates the printer-column JSONPath subset with missing keys allowed', () => {
    const obj = { spec: { rules: [{ host: 'a' }, {}, { host: 'c' }], 'dotted.key': 1 }, metadata: { labels: { 'app.kubernetes.io/name': 'x' } } };
    expect(evaluateJSONPath(obj, parseJSONPath('.spec.rules[*].host'))).to.deep.equal(['a', 'c']);
    expect(evaluateJSONPath(obj, parseJSONPath('.spec.rules[0].host'))).to.deep.equal(['a']);
    expect(evaluateJSONPath(obj, parseJSONPath('.spec.rules[-1].host'))).to.deep.equal(['c']);
    expect(evaluateJSONPath(obj, parseJSONPath(".metadata.labels['app.kubernetes.io/name']"))).to.deep.equal(['x']);
    expect(evaluateJSONPath(obj, parseJSONPath('{.spec.nothing.here}'))).to.deep.equal([]);
    expect(() => parseJSONPath('.spec[?(@.x)]')).to.throw();
  });
});

describe('Computed cells (units)', () => {
  const run = (expr: string, obj: unknown) => evaluateCell(parseCellExpression(expr), obj);

  it('count adds the keys of maps and the items of lists; absent counts nothing', () => {
    const cm = { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } };
    expect(run('count(.data, .binaryData)', cm)).to.deep.equal([3]);
    expect(run('count(.data, .binaryData)', { data: { a: '1' } })).to.deep.equal([1]);
    expect(run('count(.data)', {})).to.deep.equal([0]);
    expect(run('count(.spec.tls)', { spec: { tls: [{}, {}] } })).to.deep.equal([2]);
    expect(run('count(.spec.rules[*].host)', { spec: { rules: [{ host: 'a' }, {}, { host: 'c' }] } })).to.deep.equal([2]);
  });

  it('join skips empty values, takes sep= and max=, and gives nothing for nothing', () => {
    const obj = { spec: { rules: [{ host: 'a' }, { host: '' }, { host: 'b' }, { host: 'c' }, { host: 'd' }, { host: 'e' }] } };
    expect(run('join(.spec.rules[*].host)', obj)).to.deep.equal(['a,b,c,d,e']);
    expect(run("join(.spec.rules[*].host, sep=' | ', max=3)", obj)).to.deep.equal(['a | b | c + 2 more...']);
    expect(run('join(.spec.rules[*].host, max=5)', obj)).to.deep.equal(['a,b,c,d,e']);
    expect(run('join(.spec.none)', obj)).to.deep.equal([]);
    expect(run("join(lower(.kind), .name, sep='/')", { kind: 'ConfigMap', name: 'x' })).to.deep.equal(['configmap/x']);
    expect(run("join(lower(.kind), .name, sep='/')", { kind: 'Node' })).to.deep.equal(['node']);
  });

  it('or takes the first non-empty argument; ifNonEmpty picks a constant', () => {
    expect(run("or(.a, .b, 'none')", { a: '', b: 'x' })).to.deep.equal(['x']);
    expect(run("or(.a, .b, 'none')", { a: 0, b: [] })).to.deep.equal(['none']);
    expect(run('or(.a, .b, 1)', { b: 7 })).to.deep.equal([7]);
    expect(run("ifNonEmpty(.spec.tls, '80, 443', '80')", { spec: { tls: [{ hosts: ['a'] }] } })).to.deep.equal(['80, 443']);
    expect(run("ifNonEmpty(.spec.tls, '80, 443', '80')", { spec: { tls: [] } })).to.deep.equal(['80']);
    expect(run("ifNonEmpty(.spec.tls, 'yes')", {})).to.deep.equal([]);
    for (const empty of [undefined, null, '', 0, false, [], {}]) expect(isEmptyValue(empty), JSON.stringify(empty)).to.equal(true);
    for (const full of ['x', 1, true, [0], { a: 1 }]) expect(isEmptyValue(full), JSON.stringify(full)).to.equal(false);
  });

  it('each evaluates @ paths per item; unique gives distinct values in sorted order', () => {
    const lb = { status: { ingress: [{ ip: '10.0.0.2', hostname: 'b.example' }, { hostname: 'a.example' }, { ip: '10.0.0.2' }, {}] } };
    expect(run('each(.status.ingress[*], or(@.ip, @.hostname))', lb)).to.deep.equal(['10.0.0.2', 'a.example', '10.0.0.2']);
    expect(run('join(unique(each(.status.ingress[*], or(@.ip, @.hostname))))', lb)).to.deep.equal(['10.0.0.2,a.example']);
    expect(run("each(.items[*], @['x.y'])", { items: [{ 'x.y': 1 }, { 'x.y': 2 }] })).to.deep.equal([1, 2]);
  });

  it('parses quoted literals, integers and bracket paths; names the first field read', () => {
    const expr = parseCellExpression(`or( .metadata.labels['app.kubernetes.io/name'] , "x, y" , 3 )`);
    expect(evaluateCell(expr, { metadata: { labels: { 'app.kubernetes.io/name': 'web' } } })).to.deep.equal(['web']);
    expect(evaluateCell(expr, {})).to.deep.equal(['x, y']);
    expect(firstObjectPath(expr)).to.equal(".metadata.labels['app.kubernetes.io/name']");
    expect(firstObjectPath(parseCellExpression("each(.a[*], or(@.b, 'c'))"))).to.equal('.a[*]');
    for (const bad of ['', 'count', 'count(', 'count()', 'nope(.a)', 'or(.a) extra', "join(.a, sep=',', .b)", 'lower(.a, .b)', "join(.a, 'x)", 'join(.a, constructor=1)', "join(.a, sep='x', sep='y')"]) {
      expect(() => parseCellExpression(bad), bad).to.throw(CellExpressionError);
    }
  });
});

interface WatchLines {
  lines: Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON
  status: number;
  contentType: string | null;
  /** Resolves once `n` lines have arrived. */
  waitFor(n: number): Promise<void>;
  close(): void;
}

async function openWatch(url: string, accept: string): Promise<WatchLines> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept }, signal: abort.signal });
  const out: WatchLines['lines'] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const wake = () => {
    for (const w of waiters.splice(0)) {
      if (out.length >= w.n) w.resolve();
      else waiters.push(w);
    }
  };
  void (async () => {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          if (line.trim() !== '') out.push(JSON.parse(line));
        }
        wake();
      }
    } catch {
      // aborted
    }
  })();
  return {
    lines: out,
    status: res.status,
    contentType: res.headers.get('content-type'),
    waitFor: (n) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${out.length} of ${n} watch lines: ${JSON.stringify(out)}`)), 30_000);
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        wake();
      }),
    close: () => abort.abort(),
  };
}

describe('Table output over HTTP', function () {
  this.timeout(60_000);
  let s: TestServer;
  const NS = 'default';

  before(async function () {
    // The printer columns under test (Color, Size, Model, ...) come from the sample api-defs.
    if (!USING_GENERATED) this.skip();
    s = await startTestServer();
    for (const [name, color, size] of [
      ['alpha', 'red', 1],
      ['bravo', 'blue', 22],
    ] as const) {
      const res = await s.post(WIDGETS(NS), widget(name, { color, size }, { labels: { app: 'demo', tier: name } }));
      expect(res.status, res.text).to.equal(201);
    }
    const g = await s.post(GADGETS, { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'gizmo' }, spec: { model: 'g1', count: 3 } });
    expect(g.status, g.text).to.equal(201);
    const cm = await s.post(CONFIGMAPS(NS), configMap('settings'));
    expect(cm.status, cm.text).to.equal(201);
  });
  after(async () => {
    await s?.stop();
  });

  const columnNames = (body: { columnDefinitions: { name: string }[] }) => body.columnDefinitions.map((c) => c.name);

  it('get answers a one-row Table with Name first and the declared columns', async () => {
    const res = await s.get(`${WIDGETS(NS)}/alpha`, { accept: KUBECTL_ACCEPT });
    expect(res.status, res.text).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/json');
    const t = res.body;
    expect(t).to.include({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(t.metadata.resourceVersion).to.match(/^\d+$/);
    expect(t.columnDefinitions).to.deep.equal([
      { name: 'Name', type: 'string', format: 'name', description: t.columnDefinitions[0].description, priority: 0 },
      { name: 'Color', type: 'string', format: '', description: t.columnDefinitions[1].description, priority: 0 },
      { name: 'Size', type: 'integer', format: '', description: t.columnDefinitions[2].description, priority: 1 },
      { name: 'Age', type: 'date', format: '', description: t.columnDefinitions[3].description, priority: 0 },
    ]);
    for (const c of t.columnDefinitions) expect(c.description).to.be.a('string').and.not.equal('');
    expect(t.rows).to.have.length(1);
    const [name, color, size, age] = t.rows[0].cells;
    expect([name, color, size]).to.deep.equal(['alpha', 'red', 1]);
    expect(age).to.match(/^\d+s$/);
    // includeObject defaults to Metadata: a PartialObjectMetadata with the full metadata.
    const obj = t.rows[0].object;
    expect(obj).to.include({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1' });
    expect(Object.keys(obj)).to.have.members(['kind', 'apiVersion', 'metadata']);
    expect(obj.metadata).to.include({ name: 'alpha', namespace: NS });
    expect(obj.metadata.labels).to.deep.equal({ app: 'demo', tier: 'alpha' });
    expect(obj.metadata.resourceVersion).to.equal(t.metadata.resourceVersion);
  });

  it('fills the cells from the hub version even when the URL asks for an older version', async () => {
    const res = await s.get(`/apis/example.com/v1alpha1/namespaces/${NS}/widgets/bravo?includeObject=Object`, { accept: TABLE });
    expect(res.status, res.text).to.equal(200);
    expect(res.body.rows[0].cells.slice(0, 3)).to.deep.equal(['bravo', 'blue', 22]);
    // The object itself is in the URL's version.
    expect(res.body.rows[0].object.apiVersion).to.equal('example.com/v1alpha1');
    expect(res.body.rows[0].object.spec.paint).to.equal('blue');
  });

  it('list answers every row with ListMeta; priority > 0 columns are still sent', async () => {
    const res = await s.get(WIDGETS(NS), { accept: KUBECTL_ACCEPT });
    expect(res.status, res.text).to.equal(200);
    const t = res.body;
    expect(t.kind).to.equal('Table');
    expect(t.metadata.resourceVersion).to.match(/^\d+$/);
    expect(t.metadata).to.not.have.property('continue');
    expect(columnNames(t)).to.deep.equal(['Name', 'Color', 'Size', 'Age']);
    expect(t.columnDefinitions.find((c: { name: string }) => c.name === 'Size').priority).to.equal(1);
    expect(t.rows.map((r: { cells: unknown[] }) => r.cells.slice(0, 3))).to.deep.equal([
      ['alpha', 'red', 1],
      ['bravo', 'blue', 22],
    ]);
  });

  it('list pages carry continue and remainingItemCount', async () => {
    const res = await s.get(`${WIDGETS(NS)}?limit=1`, { accept: TABLE });
    expect(res.status, res.text).to.equal(200);
    expect(res.body.rows).to.have.length(1);
    expect(res.body.metadata.continue).to.be.a('string').and.not.equal('');
    expect(res.body.metadata.remainingItemCount).to.equal(1);
    const next = await s.get(`${WIDGETS(NS)}?limit=1&continue=${encodeURIComponent(res.body.metadata.continue)}`, { accept: TABLE });
    expect(next.status, next.text).to.equal(200);
    expect(next.body.rows[0].cells[0]).to.equal('bravo');
  });

  it('an empty list is a Table with no rows', async () => {
    const res = await s.get(WIDGETS('kube-system'), { accept: TABLE });
    expect(res.status, res.text).to.equal(200);
    expect(res.body.rows).to.deep.equal([]);
    expect(columnNames(res.body)).to.deep.equal(['Name', 'Color', 'Size', 'Age']);
  });

  it('includeObject=Object puts the full object in the URL version; None puts null', async () => {
    const full = await s.get(`${WIDGETS(NS)}?includeObject=Object`, { accept: TABLE });
    expect(full.status, full.text).to.equal(200);
    const obj = full.body.rows[0].object;
    expect(obj).to.include({ apiVersion: 'example.com/v1', kind: 'Widget' });
    expect(obj.spec).to.include({ color: 'red', size: 1 });
    const none = await s.get(`${WIDGETS(NS)}/alpha?includeObject=None`, { accept: TABLE });
    expect(none.status, none.text).to.equal(200);
    expect(none.body.rows[0]).to.have.property('object', null);
    expect(none.body.rows[0].cells[0]).to.equal('alpha');
  });

  it('an unknown includeObject is a 400', async () => {
    const res = await s.get(`${WIDGETS(NS)}?includeObject=Everything`, { accept: TABLE });
    expect(res.status).to.equal(400);
    expect(res.body).to.include({ kind: 'Status', reason: 'BadRequest', code: 400 });
    expect(res.body.message).to.equal(
      `Unable to convert to Table as requested: includeObject: Invalid value: "Everything": must be 'Metadata', 'Object', 'None', or empty`,
    );
  });

  it('cluster-scoped kinds, and a ConfigMap with its computed Data column', async () => {
    const g = await s.get(GADGETS, { accept: TABLE });
    expect(g.status, g.text).to.equal(200);
    expect(columnNames(g.body)).to.deep.equal(['Name', 'Model', 'Count', 'Age']);
    expect(g.body.rows[0].cells.slice(0, 3)).to.deep.equal(['gizmo', 'g1', 3]);
    expect(g.body.rows[0].object.metadata).to.not.have.property('namespace');
    const cm = await s.get(`${CONFIGMAPS(NS)}/settings`, { accept: TABLE });
    expect(cm.status, cm.text).to.equal(200);
    expect(columnNames(cm.body)).to.deep.equal(['Name', 'Data', 'Age']);
    expect(cm.body.rows[0].cells.slice(0, 2)).to.deep.equal(['settings', 1]);
    expect(cm.body.rows[0].cells[2]).to.match(/^\d+s$/);
  });

  it('a missing field is a null cell; wildcard paths are joined with commas', async () => {
    const ing = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'multi' },
      spec: {
        rules: [
          { host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } },
          { host: 'b.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } },
        ],
      },
    };
    const created = await s.post(`/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses`, ing);
    expect(created.status, created.text).to.equal(201);
    const res = await s.get(`/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses/multi`, { accept: TABLE });
    expect(res.status, res.text).to.equal(200);
    expect(columnNames(res.body)).to.deep.equal(['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age']);
    // Class and Ports are computed like kube's Ingress printer: "<none>" without a class, "80" without TLS.
    expect(res.body.rows[0].cells.slice(0, 5)).to.deep.equal(['multi', '<none>', 'a.example.com,b.example.com', null, '80']);
  });

  it('computed cells: ConfigMap and Secret Data, Ingress Hosts, Address and Ports', async () => {
    const cm = await s.post(CONFIGMAPS(NS), { ...configMap('mixed', { a: '1', b: '2' }), binaryData: { c: 'AAE=' } });
    expect(cm.status, cm.text).to.equal(201);
    const cms = await s.get(CONFIGMAPS(NS), { accept: TABLE });
    expect(cms.body.rows.map((r: { cells: unknown[] }) => r.cells.slice(0, 2))).to.deep.equal([
      ['mixed', 3],
      ['settings', 1],
    ]);
    // The description of a computed column comes from the first field it reads.
    expect(cms.body.columnDefinitions[1].description).to.match(/configuration values/i);
    const secret = await s.post(`/api/v1/namespaces/${NS}/secrets`, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'creds' },
      type: 'kubernetes.io/basic-auth',
      data: { username: 'YQ==', password: 'Yg==' },
    });
    expect(secret.status, secret.text).to.equal(201);
    const sec = await s.get(`/api/v1/namespaces/${NS}/secrets/creds`, { accept: TABLE });
    expect(columnNames(sec.body)).to.deep.equal(['Name', 'Type', 'Data', 'Age']);
    expect(sec.body.rows[0].cells.slice(0, 3)).to.deep.equal(['creds', 'kubernetes.io/basic-auth', 2]);

    const backend = { service: { name: 's', port: { number: 80 } } };
    const rule = (host?: string) => ({ ...(host ? { host } : {}), http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } });
    const ing = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name }, spec });
    const INGRESSES = `/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses`;
    for (const body of [
      ing('many', { ingressClassName: 'nginx', tls: [{ hosts: ['a.x'] }], rules: ['a.x', 'b.x', 'c.x', 'd.x', 'e.x'].map((h) => rule(h)) }),
      ing('anyhost', { rules: [rule()] }),
      ing('nobody', { defaultBackend: backend }),
    ]) {
      const res = await s.post(INGRESSES, body);
      expect(res.status, res.text).to.equal(201);
    }
    const status = await s.request('PATCH', `${INGRESSES}/many/status`, {
      raw: JSON.stringify({
        status: { loadBalancer: { ingress: [{ ip: '10.0.0.9' }, { hostname: 'lb.example.com' }, { ip: '10.0.0.1', hostname: 'ignored.example.com' }, { ip: '10.0.0.9' }] } },
      }),
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(status.status, status.text).to.equal(200);
    const list = await s.get(INGRESSES, { accept: TABLE });
    expect(list.status, list.text).to.equal(200);
    const rows = Object.fromEntries(list.body.rows.map((r: { cells: unknown[] }) => [r.cells[0], r.cells.slice(1, 5)]));
    expect(rows).to.deep.include({
      many: ['nginx', 'a.x,b.x,c.x + 2 more...', '10.0.0.1,10.0.0.9,lb.example.com', '80, 443'],
      anyhost: ['<none>', '*', null, '80'],
      nobody: ['<none>', '*', null, '80'],
    });
  });

  it('computed cells: Service Cluster-IP, External-IP and Port(s) as kube prints them; HPA Reference', async () => {
    const SERVICES = `/api/v1/namespaces/${NS}/services`;
    const svc = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });
    for (const body of [
      svc('plain', { ports: [{ port: 80 }, { port: 9090, protocol: 'UDP' }] }),
      svc('node', { type: 'NodePort', clusterIP: '10.96.0.7', ports: [{ port: 8080, nodePort: 30080 }] }),
      svc('ext', { type: 'ExternalName', externalName: 'db.example.com' }),
      svc('pinned', { externalIPs: ['192.0.2.1', '192.0.2.2'], ports: [{ port: 443 }] }),
    ]) {
      const res = await s.post(SERVICES, body);
      expect(res.status, res.text).to.equal(201);
    }
    const list = await s.get(SERVICES, { accept: TABLE });
    expect(columnNames(list.body)).to.deep.equal(['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age']);
    const rows = Object.fromEntries(list.body.rows.map((r: { cells: unknown[] }) => [r.cells[0], r.cells.slice(1, 5)]));
    expect(rows).to.deep.equal({
      plain: ['ClusterIP', '<none>', '<none>', '80/TCP,9090/UDP'],
      node: ['NodePort', '10.96.0.7', '<none>', '8080:30080/TCP'],
      ext: ['ExternalName', '<none>', 'db.example.com', '<none>'],
      pinned: ['ClusterIP', '<none>', '192.0.2.1,192.0.2.2', '443/TCP'],
    });
    const hpa = await s.post(`/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers`, {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5 },
    });
    expect(hpa.status, hpa.text).to.equal(201);
    const hpaTable = await s.get(`/apis/autoscaling/v1/namespaces/${NS}/horizontalpodautoscalers/web`, { accept: TABLE });
    expect(hpaTable.body.rows[0].cells[1]).to.equal('Deployment/web');
  });

  it('Events: the columns of kube\'s event printer, with Name at the end (-o wide only)', async () => {
    const EVENTS = `/api/v1/namespaces/${NS}/events`;
    const recent = new Date(Date.now() - 5000).toISOString().replace(/\.\d+Z$/, 'Z');
    const base = { apiVersion: 'v1', kind: 'Event', involvedObject: { kind: 'ConfigMap', name: 'settings', namespace: NS }, type: 'Normal' };
    for (const body of [
      { ...base, metadata: { name: 'old-style' }, reason: 'Synced', message: 'done', source: { component: 'ctrl', host: 'node-1' }, firstTimestamp: '2020-01-01T00:00:00Z', lastTimestamp: recent, count: 4 },
      { ...base, metadata: { name: 'new-style' }, reason: 'Seen', message: 'hi', reportingComponent: 'kapi', eventTime: `${recent.slice(0, -1)}.123456Z`, involvedObject: { kind: 'Node' } },
    ]) {
      const res = await s.post(EVENTS, body);
      expect(res.status, res.text).to.equal(201);
    }
    const res = await s.get(EVENTS, { accept: TABLE });
    expect(res.status, res.text).to.equal(200);
    expect(res.body.columnDefinitions.map((c: { name: string; priority: number }) => `${c.name}:${c.priority}`)).to.deep.equal([
      'Last Seen:0', 'Type:0', 'Reason:0', 'Object:0', 'Subobject:1', 'Source:1', 'Message:0', 'First Seen:1', 'Count:1', 'Name:1',
    ]);
    expect(res.body.columnDefinitions[9]).to.include({ format: 'name' });
    const byName = Object.fromEntries(res.body.rows.map((r: { cells: unknown[] }) => [r.cells[9], r.cells]));
    const [lastSeen, ...old] = byName['old-style'];
    expect(lastSeen).to.match(/^\d+s$/);
    expect(old.slice(0, 6)).to.deep.equal(['Normal', 'Synced', 'configmap/settings', null, 'ctrl, node-1', 'done']);
    expect(old[6]).to.match(/^\d+y\d*d?$/);
    expect(old[7]).to.equal(4);
    const fresh = byName['new-style'];
    expect(fresh[0]).to.match(/^\d+s$/);
    expect(fresh.slice(1, 8)).to.deep.equal(['Normal', 'Seen', 'node', null, 'kapi', 'hi', fresh[0]]);
    expect(fresh[8]).to.equal(1);
    // kubectl describe looks events up by their involved object.
    const selected = await s.get(`${EVENTS}?fieldSelector=${encodeURIComponent('involvedObject.kind=ConfigMap,involvedObject.name=settings')}`);
    expect(selected.status, selected.text).to.equal(200);
    expect(selected.body.items.map((e: { metadata: { name: string } }) => e.metadata.name)).to.deep.equal(['old-style']);
  });

  it('YAML can carry a Table too', async () => {
    const res = await s.get(`${WIDGETS(NS)}/alpha`, { accept: 'application/yaml;as=Table;v=v1;g=meta.k8s.io' });
    expect(res.status, res.text).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/yaml');
    expect(res.text).to.match(/^apiVersion: meta\.k8s\.io\/v1\n/m);
    expect(res.text).to.match(/^kind: Table$/m);
  });

  it('an unsupported transform is 406; a plain fallback after it is served', async () => {
    const res = await s.get(`${WIDGETS(NS)}/alpha`, { accept: 'application/json;as=Foo;v=v1;g=meta.k8s.io' });
    expect(res.status).to.equal(406);
    expect(res.body).to.include({ kind: 'Status', reason: 'NotAcceptable', code: 406 });
    const list = await s.get(WIDGETS(NS), { accept: 'application/json;as=Table;v=v1;g=other.io' });
    expect(list.status).to.equal(406);
    const fallback = await s.get(`${WIDGETS(NS)}/alpha`, { accept: 'application/json;as=Foo;v=v1;g=meta.k8s.io,application/json' });
    expect(fallback.status).to.equal(200);
    expect(fallback.body.kind).to.equal('Widget');
  });

  it('watch sends one-row Tables; only the first carries columnDefinitions', async () => {
    const w = await openWatch(`${s.url}${WIDGETS(NS)}?watch=true`, KUBECTL_ACCEPT);
    try {
      expect(w.status).to.equal(200);
      expect(w.contentType).to.equal('application/json');
      await w.waitFor(2); // the two initial ADDED events
      const mod = await s.request('PATCH', `${WIDGETS(NS)}/alpha`, {
        raw: JSON.stringify({ spec: { color: 'green' } }),
        headers: { 'content-type': 'application/merge-patch+json' },
      });
      expect(mod.status, mod.text).to.equal(200);
      await w.waitFor(3);
      const [first, second, third] = w.lines;
      expect(first.type).to.equal('ADDED');
      expect(first.object).to.include({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
      expect(columnNames(first.object)).to.deep.equal(['Name', 'Color', 'Size', 'Age']);
      expect(first.object.rows).to.have.length(1);
      expect(first.object.rows[0].object.kind).to.equal('PartialObjectMetadata');
      expect(second.object.kind).to.equal('Table');
      expect(second.object.columnDefinitions).to.equal(null);
      expect(third.type).to.equal('MODIFIED');
      expect(third.object.columnDefinitions).to.equal(null);
      expect(third.object.rows[0].cells.slice(0, 3)).to.deep.equal(['alpha', 'green', 1]);
      expect(third.object.metadata.resourceVersion).to.equal(mod.body.metadata.resourceVersion);
    } finally {
      w.close();
    }
  });

  it('a watch resumed from a resourceVersion sends headers with its first event, honouring includeObject', async () => {
    const list = await s.get(WIDGETS(NS), { accept: TABLE });
    const rv = list.body.metadata.resourceVersion;
    const w = await openWatch(`${s.url}${WIDGETS(NS)}?watch=true&resourceVersion=${rv}&includeObject=Object`, TABLE);
    try {
      const del = await s.del(`${WIDGETS(NS)}/bravo`);
      expect(del.status, del.text).to.equal(200);
      await w.waitFor(1);
      const ev = w.lines[0];
      expect(ev.type).to.equal('DELETED');
      expect(columnNames(ev.object)).to.deep.equal(['Name', 'Color', 'Size', 'Age']);
      expect(ev.object.rows[0].object).to.include({ kind: 'Widget', apiVersion: 'example.com/v1' });
      expect(ev.object.rows[0].cells[0]).to.equal('bravo');
    } finally {
      w.close();
    }
  });

  it('a watch-list in Table form ends its initial events with a Table bookmark', async () => {
    const w = await openWatch(
      `${s.url}${GADGETS}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan`,
      TABLE,
    );
    try {
      await w.waitFor(2);
      const [added, bookmark] = w.lines;
      expect(added.type).to.equal('ADDED');
      expect(added.object.rows[0].cells.slice(0, 3)).to.deep.equal(['gizmo', 'g1', 3]);
      expect(bookmark.type).to.equal('BOOKMARK');
      expect(bookmark.object.kind).to.equal('Table');
      expect(bookmark.object.columnDefinitions).to.equal(null);
      expect(bookmark.object.metadata.resourceVersion).to.match(/^\d+$/);
      const meta = bookmark.object.rows[0].object.metadata;
      expect(meta.annotations).to.deep.equal({ 'k8s.io/initial-events-end': 'true' });
      expect(meta.resourceVersion).to.equal(bookmark.object.metadata.resourceVersion);
    } finally {
      w.close();
    }
  });

  it('a watch with a bad includeObject is a 400 before the stream starts', async () => {
    const res = await s.get(`${WIDGETS(NS)}?watch=true&includeObject=nope`, { accept: TABLE });
    expect(res.status).to.equal(400);
  });
});
