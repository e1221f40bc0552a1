// `kubectl describe` against kapi with the real kubectl (KAPI_KUBECTL picks the version, see
// kubectl-binary.ts). describe looks up the object's events in core/v1 `events` by field selector
// (involvedObject.name, .namespace, .kind and .uid): the typed describers (ConfigMap, Ingress) fail
// when that lookup fails, the generic one (Widget) prints its events too. Each test has a fresh
// --cache-dir.
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startTestServer, USING_GENERATED, type TestServer } from '../server/testserver.js';
import { KUBECTL, type KubectlResult, runKubectl } from './kubectl-binary.js';

const NO_EVENTS = /^Events:\s+<none>$/m;

describe(`kubectl describe against kapi (${KUBECTL.split('/').pop()})`, function () {
  this.timeout(90_000);
  let server: TestServer;
  let cacheDir: string;

  before(async function () {
    if (!USING_GENERATED) this.skip();
    server = await startTestServer();
    await create('/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings' },
      data: { 'log-level': 'debug' },
    });
    await create('/apis/example.com/v1/namespaces/default/widgets', {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'gear' },
      spec: { color: 'blue', size: 4 },
    });
    cacheDir = await mkdtemp(join(tmpdir(), 'kapi-describe-'));
    const ing = await kubectl('create', '-f', join(ROOT, 'test/fixtures/manifests/ingress-v1.yaml'));
    expect(ing.code, ing.stderr).to.equal(0);
    await rm(cacheDir, { recursive: true, force: true });
  });
  after(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'kapi-describe-'));
  });
  afterEach(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });

  async function create(path: string, body: unknown): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON
    const res = await server.post(path, body);
    expect(res.status, res.text).to.equal(201);
    return res.body;
  }

  function kubectl(...args: string[]): Promise<KubectlResult> {
    return runKubectl({ kubeconfig: server.kubeconfig, cacheDir }, args);
  }

  async function describeOk(...args: string[]): Promise<string> {
    const r = await kubectl('describe', ...args);
    expect(r.code, `kubectl describe ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).to.equal(0);
    return r.stdout;
  }

  /** An Event about an object, as a controller would record it. */
  function event(name: string, about: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    const now = new Date();
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: 'default' },
      involvedObject: { namespace: 'default', ...about },
      reason: 'Configured',
      message: 'settings applied',
      type: 'Normal',
      source: { component: 'kapi-test' },
      firstTimestamp: new Date(now.getTime() - 120_000).toISOString(),
      lastTimestamp: now.toISOString(),
      count: 3,
      ...extra,
    };
  }

  it('describe configmap prints the object and Events: <none>', async () => {
    const out = await describeOk('configmap', 'settings');
    expect(out).to.match(/^Name:\s+settings$/m);
    expect(out).to.match(/^Namespace:\s+default$/m);
    expect(out).to.match(/^log-level:\n-+\ndebug$/m);
    expect(out).to.match(NO_EVENTS);
  });

  it('describe ingress prints the object and Events: <none>', async () => {
    const out = await describeOk('ingress', 'web');
    expect(out).to.match(/^Name:\s+web$/m);
    expect(out).to.match(/^Ingress Class:\s+nginx$/m);
    expect(out).to.match(/^\s+shop-tls terminates shop\.example\.com$/m);
    expect(out).to.match(/^\s+shop\.example\.com\s*$/m);
    expect(out).to.match(/^\s+\/api\s+api:http\b/m);
    expect(out).to.match(NO_EVENTS);
  });

  it('describe widget (the generic describer) prints the object and Events: <none>', async () => {
    const out = await describeOk('widget', 'gear');
    expect(out).to.match(/^Name:\s+gear$/m);
    expect(out).to.match(/^Kind:\s+Widget$/m);
    expect(out).to.match(/^\s+Color:\s+blue$/m);
    expect(out).to.match(NO_EVENTS);
  });

  it("an Event about the ConfigMap shows up in its describe output, others' do not", async () => {
    const cm = (await server.get('/api/v1/namespaces/default/configmaps/settings')).body;
    const about = { apiVersion: 'v1', kind: 'ConfigMap', name: 'settings', uid: cm.metadata.uid };
    await create('/api/v1/namespaces/default/events', event('settings.a', about));
    // Same name, another kind; and an event about an earlier ConfigMap of that name (other uid).
    await create('/api/v1/namespaces/default/events', event('settings.b', { ...about, kind: 'Widget', uid: 'x' }, { reason: 'WrongKind' }));
    await create('/api/v1/namespaces/default/events', event('settings.c', { ...about, uid: 'old-uid' }, { reason: 'WrongUID' }));

    const out = await describeOk('configmap', 'settings');
    expect(out).to.not.match(NO_EVENTS);
    const events = out.slice(out.indexOf('\nEvents:') + 1).trimEnd().split('\n');
    expect(events[0]).to.equal('Events:');
    expect(events[1].trim().split(/\s+/)).to.deep.equal(['Type', 'Reason', 'Age', 'From', 'Message']);
    expect(events).to.have.length(4);
    // Age shows the last occurrence, the count and the first one: "0s (x3 over 2m)".
    expect(events[3]).to.match(/^\s+Normal\s+Configured\s+\d+s \(x3 over 2m\d*s?\)\s+kapi-test\s+settings applied$/);

    // The other objects keep their own events.
    expect(await describeOk('widget', 'gear')).to.match(NO_EVENTS);
    expect(await describeOk('ingress', 'web')).to.match(NO_EVENTS);
  });

  it('an Event about the Ingress shows up in its describe output', async () => {
    const ing = (await server.get('/apis/networking.k8s.io/v1/namespaces/default/ingresses/web')).body;
    const about = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'web', uid: ing.metadata.uid };
    // A one-off event in the newer style: eventTime (microseconds) and reportingComponent instead
    // of first/lastTimestamp and source.
    const eventTime = new Date(Date.now() - 5_000).toISOString().replace(/Z$/, '123Z');
    await create(
      '/api/v1/namespaces/default/events',
      event('web.a', about, {
        type: 'Warning',
        reason: 'Sync',
        message: 'no backend',
        count: undefined,
        firstTimestamp: undefined,
        lastTimestamp: undefined,
        source: undefined,
        eventTime,
        reportingComponent: 'ingress-controller',
        reportingInstance: 'ic-1',
        action: 'Syncing',
      }),
    );
    const stored = (await server.get('/api/v1/namespaces/default/events/web.a')).body;
    expect(stored).to.include({ eventTime, reportingComponent: 'ingress-controller', action: 'Syncing' });
    const out = await describeOk('ingress', 'web');
    // A one-off event's age is its eventTime; From is the reporting component.
    expect(out).to.match(/^\s+Warning\s+Sync\s+\d+s\s+ingress-controller\s+no backend$/m);
  });
});
