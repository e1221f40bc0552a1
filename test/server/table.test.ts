// Table output over HTTP (what kubectl get asks for): get, list and watch answer a
// meta.k8s.io/v1 Table built from the kind's printer columns, with includeObject honoured.
import { expect } from 'chai';
import { humanDuration, ageOf } from '../../runtime/endpoints/table/duration.js';
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

  it('cluster-scoped kinds and kinds whose only column is Age', async () => {
    const g = await s.get(GADGETS, { accept: TABLE });
    expect(g.status, g.text).to.equal(200);
    expect(columnNames(g.body)).to.deep.equal(['Name', 'Model', 'Count', 'Age']);
    expect(g.body.rows[0].cells.slice(0, 3)).to.deep.equal(['gizmo', 'g1', 3]);
    expect(g.body.rows[0].object.metadata).to.not.have.property('namespace');
    const cm = await s.get(`${CONFIGMAPS(NS)}/settings`, { accept: TABLE });
    expect(cm.status, cm.text).to.equal(200);
    expect(columnNames(cm.body)).to.deep.equal(['Name', 'Age']);
    expect(cm.body.rows[0].cells[0]).to.equal('settings');
    expect(cm.body.rows[0].cells[1]).to.match(/^\d+s$/);
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
    expect(columnNames(res.body)).to.deep.equal(['Name', 'Class', 'Hosts', 'Address', 'Age']);
    expect(res.body.rows[0].cells.slice(0, 4)).to.deep.equal(['multi', null, 'a.example.com,b.example.com', null]);
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
