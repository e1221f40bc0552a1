// What `kubectl get` prints against kapi (server-side Table printing), with the real kubectl
// (KAPI_KUBECTL picks the version, see kubectl-binary.ts; `make test-kubectl-matrix` runs 1.27,
// 1.32 and 1.33): plain, -o wide, -A, --show-labels, -L, --sort-by and -w, on Widget/Gadget, and
// on ConfigMap, Secret, Ingress and Event, whose computed columns (DATA, HOSTS, PORTS, OBJECT...)
// match what kube-apiserver's built-in printers show.
import { expect } from 'chai';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startTestServer, USING_GENERATED, type TestServer } from '../server/testserver.js';
import { KUBECTL, type KubectlResult, runKubectl } from './kubectl-binary.js';

const MANIFESTS = join(ROOT, 'test/fixtures/manifests');
const AGE = /^(\d+s|\d+m(\d+s)?|\d+h(\d+m)?|\d+d(\d+h)?)$/;

/** kubectl's table output -> rows of cells, split at the header's column offsets (cells may be
 * empty, so splitting on whitespace would shift them). */
function parseTable(text: string): { header: string[]; rows: string[][] } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return { header: [], rows: [] };
  const headerLine = lines[0];
  const starts: number[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(headerLine)) !== null) starts.push(m.index);
  const cut = (line: string) => starts.map((s, i) => line.slice(s, i + 1 < starts.length ? starts[i + 1] : undefined).trim());
  return { header: cut(headerLine), rows: lines.slice(1).map(cut) };
}

/** Row cells without the AGE column (checked separately: its value depends on time). */
function withoutAge(t: { header: string[]; rows: string[][] }): string[][] {
  const at = t.header.indexOf('AGE');
  for (const row of t.rows) expect(row[at], `AGE of ${row.join(' | ')}`).to.match(AGE);
  return t.rows.map((r) => r.filter((_, i) => i !== at));
}

describe(`kubectl get output (${KUBECTL.split('/').pop()})`, function () {
  this.timeout(120_000);
  let server: TestServer;
  let cacheDir: string;
  const children: ChildProcess[] = [];

  const kubectl = (...args: string[]): Promise<KubectlResult> =>
    runKubectl({ kubeconfig: server.kubeconfig, cacheDir, timeoutMs: 60_000 }, args);

  async function ok(...args: string[]): Promise<string> {
    const r = await kubectl(...args);
    expect(r.code, `kubectl ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).to.equal(0);
    return r.stdout;
  }

  const table = async (...args: string[]) => parseTable(await ok('get', ...args));

  async function create(path: string, body: unknown): Promise<void> {
    const res = await server.post(path, body);
    expect(res.status, res.text).to.equal(201);
  }

  const widget = (name: string, ns: string, color: string, size: number, labels: Record<string, string>) => ({
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name, namespace: ns, labels },
    spec: { color, size },
  });

  before(async function () {
    if (!USING_GENERATED) this.skip();
    server = await startTestServer();
    await create('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    // Created out of name order, sizes out of both orders: --sort-by has something to do.
    await create('/apis/example.com/v1/namespaces/default/widgets', widget('charlie', 'default', 'green', 9, { app: 'demo', tier: 'gold' }));
    await create('/apis/example.com/v1/namespaces/default/widgets', widget('alpha', 'default', 'red', 5, { app: 'demo', tier: 'silver' }));
    await create('/apis/example.com/v1/namespaces/default/widgets', widget('bravo', 'default', 'blue', 2, { app: 'other' }));
    await create('/apis/example.com/v1/namespaces/team-a/widgets', widget('delta', 'team-a', 'teal', 7, { app: 'demo' }));
    await create('/apis/example.com/v1/gadgets', { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'gizmo' }, spec: { model: 'g1', count: 3 } });
    await create('/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { app: 'demo' } }, data: { a: '1', b: '2' } });
    await create('/api/v1/namespaces/default/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' }, data: { user: 'YQ==', pass: 'Yg==', token: 'Yw==' } });
    // beforeEach has not run yet: this kubectl needs a cache directory of its own.
    cacheDir = await mkdtemp(join(tmpdir(), 'kapi-kubectl-get-'));
    expect((await kubectl('create', '-f', join(MANIFESTS, 'ingress-v1.yaml'))).code).to.equal(0);
    await rm(cacheDir, { recursive: true, force: true });
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await server?.stop();
  });
  beforeEach(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'kapi-kubectl-get-'));
  });
  afterEach(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('get widgets: NAME, COLOR, AGE (Size only with -o wide)', async () => {
    const t = await table('widgets');
    expect(t.header).to.deep.equal(['NAME', 'COLOR', 'AGE']);
    expect(withoutAge(t)).to.deep.equal([
      ['alpha', 'red'],
      ['bravo', 'blue'],
      ['charlie', 'green'],
    ]);
    const one = await table('widget', 'alpha');
    expect(one.header).to.deep.equal(['NAME', 'COLOR', 'AGE']);
    expect(withoutAge(one)).to.deep.equal([['alpha', 'red']]);
  });

  it('get widgets -o wide shows the priority-1 column', async () => {
    const t = await table('widgets', '-o', 'wide');
    expect(t.header).to.deep.equal(['NAME', 'COLOR', 'SIZE', 'AGE']);
    expect(withoutAge(t)).to.deep.equal([
      ['alpha', 'red', '5'],
      ['bravo', 'blue', '2'],
      ['charlie', 'green', '9'],
    ]);
  });

  it('get widgets -A adds NAMESPACE', async () => {
    const t = await table('widgets', '-A');
    expect(t.header).to.deep.equal(['NAMESPACE', 'NAME', 'COLOR', 'AGE']);
    expect(withoutAge(t)).to.deep.equal([
      ['default', 'alpha', 'red'],
      ['default', 'bravo', 'blue'],
      ['default', 'charlie', 'green'],
      ['team-a', 'delta', 'teal'],
    ]);
  });

  it('--show-labels and -L read the labels of each row', async () => {
    const labels = await table('widgets', '--show-labels');
    expect(labels.header).to.deep.equal(['NAME', 'COLOR', 'AGE', 'LABELS']);
    expect(withoutAge(labels)).to.deep.equal([
      ['alpha', 'red', 'app=demo,tier=silver'],
      ['bravo', 'blue', 'app=other'],
      ['charlie', 'green', 'app=demo,tier=gold'],
    ]);
    const tier = await table('widgets', '-L', 'tier', '-L', 'app');
    expect(tier.header).to.deep.equal(['NAME', 'COLOR', 'AGE', 'TIER', 'APP']);
    expect(withoutAge(tier)).to.deep.equal([
      ['alpha', 'red', 'silver', 'demo'],
      ['bravo', 'blue', '', 'other'],
      ['charlie', 'green', 'gold', 'demo'],
    ]);
    const selected = await table('widgets', '-l', 'app=demo', '-L', 'tier');
    expect(withoutAge(selected)).to.deep.equal([
      ['alpha', 'red', 'silver'],
      ['charlie', 'green', 'gold'],
    ]);
  });

  it('--sort-by sorts the rows (kubectl asks for includeObject=Object)', async () => {
    const byName = await table('widgets', '-A', '--sort-by=.metadata.name');
    expect(byName.rows.map((r) => r[1])).to.deep.equal(['alpha', 'bravo', 'charlie', 'delta']);
    const bySize = await table('widgets', '--sort-by=.spec.size', '-o', 'wide');
    expect(withoutAge(bySize)).to.deep.equal([
      ['bravo', 'blue', '2'],
      ['alpha', 'red', '5'],
      ['charlie', 'green', '9'],
    ]);
  });

  it('cluster-scoped Gadget: NAME, MODEL, COUNT, AGE', async () => {
    const t = await table('gadgets');
    expect(t.header).to.deep.equal(['NAME', 'MODEL', 'COUNT', 'AGE']);
    expect(withoutAge(t)).to.deep.equal([['gizmo', 'g1', '3']]);
    const all = await table('gadgets', '-A');
    expect(all.header).to.deep.equal(['NAME', 'MODEL', 'COUNT', 'AGE']);
  });

  it('ConfigMap, Secret and Ingress print the columns kube-apiserver prints', async () => {
    const cm = await table('configmaps');
    expect(cm.header).to.deep.equal(['NAME', 'DATA', 'AGE']);
    expect(withoutAge(cm)).to.deep.equal([['settings', '2']]);
    const cmLabels = await table('cm', '--show-labels', '-o', 'wide');
    expect(withoutAge(cmLabels)).to.deep.equal([['settings', '2', 'app=demo']]);
    const secrets = await table('secrets');
    expect(secrets.header).to.deep.equal(['NAME', 'TYPE', 'DATA', 'AGE']);
    expect(withoutAge(secrets)).to.deep.equal([['creds', 'Opaque', '3']]);
    const ing = await table('ingresses');
    expect(ing.header).to.deep.equal(['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']);
    // The manifest has a TLS section: port 443 is open too.
    expect(withoutAge(ing)).to.deep.equal([['web', 'nginx', 'shop.example.com', '', '80, 443']]);
    const ingAll = await table('ing', '-A');
    expect(ingAll.header).to.deep.equal(['NAMESPACE', 'NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']);
  });

  it('an Ingress without class, hosts or TLS prints <none>, * and 80; its address comes from status', async () => {
    await create('/apis/networking.k8s.io/v1/namespaces/team-a/ingresses', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'catch-all' },
      spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } },
    });
    const res = await server.request('PATCH', '/apis/networking.k8s.io/v1/namespaces/team-a/ingresses/catch-all/status', {
      raw: JSON.stringify({ status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }, { hostname: 'lb.example.com' }] } } }),
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(res.status, res.text).to.equal(200);
    const t = await table('ingresses', '-n', 'team-a');
    expect(t.header).to.deep.equal(['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']);
    expect(withoutAge(t)).to.deep.equal([['catch-all', '<none>', '*', '192.0.2.10,lb.example.com', '80']]);
  });

  it('get events prints LAST SEEN, TYPE, REASON, OBJECT, MESSAGE (and more with -o wide)', async () => {
    await create('/api/v1/namespaces/team-a/events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'settings.1' },
      involvedObject: { apiVersion: 'v1', kind: 'ConfigMap', name: 'settings', namespace: 'team-a' },
      reason: 'Reloaded',
      message: 'configuration reloaded',
      type: 'Normal',
      source: { component: 'reloader' },
      firstTimestamp: new Date(Date.now() - 3_600_000).toISOString(),
      lastTimestamp: new Date().toISOString(),
      count: 3,
    });
    const words = (out: string) => out.trim().split('\n').map((l) => l.trim().split(/\s+/));
    const plain = words(await ok('get', 'events', '-n', 'team-a'));
    expect(plain[0]).to.deep.equal(['LAST', 'SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(plain[1][0]).to.match(AGE);
    expect(plain[1].slice(1)).to.deep.equal(['Normal', 'Reloaded', 'configmap/settings', 'configuration', 'reloaded']);
    const wide = words(await ok('get', 'ev', '-n', 'team-a', '-o', 'wide'));
    expect(wide[0]).to.deep.equal(['LAST', 'SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST', 'SEEN', 'COUNT', 'NAME']);
    // SUBOBJECT is empty, so the words shift by one from the header's.
    expect(wide[1].slice(1, 7)).to.deep.equal(['Normal', 'Reloaded', 'configmap/settings', 'reloader', 'configuration', 'reloaded']);
    expect(wide[1][7]).to.match(/^6\dm$/);
    expect(wide[1].slice(8)).to.deep.equal(['3', 'settings.1']);
  });

  it('an empty result prints kubectl\'s "No resources found"', async () => {
    const r = await kubectl('get', 'widgets', '-n', 'kube-system');
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.equal('');
    expect(r.stderr.trim()).to.equal('No resources found in kube-system namespace.');
  });

  /** Runs `kubectl get <args> -w`, waits until its output matches `until`, then ends it. */
  async function watchUntil(args: string[], change: () => Promise<void>, until: (out: string) => boolean): Promise<string> {
    const child = spawn(KUBECTL, ['--kubeconfig', server.kubeconfig, '--cache-dir', cacheDir, 'get', ...args, '-w'], {
      env: { ...process.env, KUBECONFIG: '', HOME: cacheDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const waitFor = (pred: (o: string) => boolean, what: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          clearInterval(poll);
          reject(new Error(`kubectl get -w: no ${what} in time\nstdout: ${out}\nstderr: ${err}`));
        }, 60_000);
        const poll = setInterval(() => {
          if (pred(out)) {
            clearInterval(poll);
            clearTimeout(timer);
            resolve();
          } else if (child.exitCode !== null) {
            clearInterval(poll);
            clearTimeout(timer);
            reject(new Error(`kubectl get -w exited early (${child.exitCode})\nstdout: ${out}\nstderr: ${err}`));
          }
        }, 50);
      });
    try {
      await waitFor((o) => o.trim().split('\n').length >= 2, 'initial list');
      await change();
      await waitFor(until, 'change');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    return out;
  }

  it('get -w prints the list, then a change made by another client, without a second header', async () => {
    const out = await watchUntil(
      ['widgets', '-l', 'app=demo'],
      async () => {
        const res = await server.request('PATCH', '/apis/example.com/v1/namespaces/default/widgets/alpha', {
          raw: JSON.stringify({ spec: { color: 'purple' } }),
          headers: { 'content-type': 'application/merge-patch+json' },
        });
        expect(res.status, res.text).to.equal(200);
      },
      (o) => o.includes('purple'),
    );
    const t = parseTable(out);
    expect(t.header).to.deep.equal(['NAME', 'COLOR', 'AGE']);
    // kubectl writes the watched rows after the list with their own column widths: compare
    // by words.
    const words = out.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));
    expect(words.map((w) => w.slice(0, 2))).to.deep.equal([
      ['alpha', 'red'],
      ['charlie', 'green'],
      ['alpha', 'purple'],
    ]);
    for (const w of words) expect(w[2]).to.match(AGE);
    // Put it back for the tests after this one.
    await server.request('PATCH', '/apis/example.com/v1/namespaces/default/widgets/alpha', {
      raw: JSON.stringify({ spec: { color: 'red' } }),
      headers: { 'content-type': 'application/merge-patch+json' },
    });
  });

  it('get -w on a Gadget and an Ingress prints the changed row', async () => {
    const patch = (path: string, body: unknown) => async () => {
      const res = await server.request('PATCH', path, {
        raw: JSON.stringify(body),
        headers: { 'content-type': 'application/merge-patch+json' },
      });
      expect(res.status, res.text).to.equal(200);
    };
    const count = 10; // the gadget starts at 3
    const g = await watchUntil(['gadgets'], patch('/apis/example.com/v1/gadgets/gizmo', { spec: { count } }), (o) =>
      new RegExp(`gizmo\\s+g1\\s+${count}\\s`).test(o),
    );
    const gl = g.trim().split('\n').map((l) => l.trim().split(/\s+/));
    expect(gl[0]).to.deep.equal(['NAME', 'MODEL', 'COUNT', 'AGE']);
    expect(gl.slice(1).map((w) => w.slice(0, 3))).to.deep.equal([
      ['gizmo', 'g1', '3'],
      ['gizmo', 'g1', String(count)],
    ]);
    const cls = 'class-watched';
    const i = await watchUntil(
      ['ingresses'],
      patch('/apis/networking.k8s.io/v1/namespaces/default/ingresses/web', { spec: { ingressClassName: cls } }),
      (o) => o.includes(cls),
    );
    const il = i.trim().split('\n').map((l) => l.trim().split(/\s+/));
    expect(il[0]).to.deep.equal(['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']);
    // ADDRESS is empty and PORTS is "80, 443": the words are NAME CLASS HOSTS 80, 443 AGE.
    expect(il[il.length - 1].slice(0, 5)).to.deep.equal(['web', cls, 'shop.example.com', '80,', '443']);
    expect(il[il.length - 1][5]).to.match(AGE);
  });

  it('get -w on ConfigMaps prints an added one; -o wide watches keep the wide columns', async () => {
    const out = await watchUntil(
      ['configmaps'],
      () => create('/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' }, data: {} }),
      (o) => o.includes('late'),
    );
    const lines = out.trim().split('\n').map((l) => l.trim().split(/\s+/));
    expect(lines[0]).to.deep.equal(['NAME', 'DATA', 'AGE']);
    expect(lines.slice(1).map((w) => w.slice(0, 2))).to.deep.equal([
      ['settings', '2'],
      ['late', '0'],
    ]);
    const wide = await watchUntil(
      ['widgets', '-o', 'wide', '-n', 'team-a'],
      async () => {
        const res = await server.request('PATCH', '/apis/example.com/v1/namespaces/team-a/widgets/delta', {
          raw: JSON.stringify({ spec: { size: 8 } }),
          headers: { 'content-type': 'application/merge-patch+json' },
        });
        expect(res.status, res.text).to.equal(200);
      },
      (o) => o.trim().split('\n').length >= 3,
    );
    const wl = wide.trim().split('\n').map((l) => l.trim().split(/\s+/));
    expect(wl[0]).to.deep.equal(['NAME', 'COLOR', 'SIZE', 'AGE']);
    expect(wl.slice(1).map((w) => w.slice(0, 3))).to.deep.equal([
      ['delta', 'teal', '7'],
      ['delta', 'teal', '8'],
    ]);
  });
});
