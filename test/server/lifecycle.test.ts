// The process: flags, the one `listening on` line, the kubeconfig, graceful SIGTERM (exit 0),
// and durability: after kill -9 and a restart on the same data dir, every acknowledged write is
// there with the same resourceVersion.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CONFIGMAPS, ROOT, USING_GENERATED, WIDGETS, configMap, namespace, startTestServer, widget } from './testserver.js';

const entry = USING_GENERATED ? [join(ROOT, 'bin/apiserver')] : ['--import', 'tsx', join(ROOT, 'test/fixtures/server/apiserver.ts')];

describe('server process', function () {
  this.timeout(90_000);

  it('prints --help with the documented flags', () => {
    const out = spawnSync(process.execPath, [...entry, '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(out.status).to.equal(0);
    for (const flag of ['--bind-address', '--port', '--data-dir', '--storage-backend']) expect(out.stdout).to.contain(flag);
  });

  it('exits 1 with a clear error for an unknown storage backend', () => {
    const out = spawnSync(process.execPath, [...entry, '--storage-backend', 'etcd9', '--port', '0'], { cwd: ROOT, encoding: 'utf8' });
    expect(out.status).to.equal(1);
    expect(out.stderr).to.contain('unknown storage backend');
  });

  it('writes a kubeconfig pointing at itself and stops with exit 0 on SIGTERM', async () => {
    const s = await startTestServer();
    const config = parseYaml(await readFile(s.kubeconfig, 'utf8'));
    expect(config['current-context']).to.be.a('string');
    expect(config.clusters[0].cluster.server).to.equal(s.url);
    expect(s.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await s.stop()).to.equal(0);
  });

  it('on SIGINT finishes a request already in flight, stores it, then exits 0', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kapi-sigint-'));
    try {
      const first = await startTestServer({ dataDir });
      // Headers now, body after the signal: the request is in flight when shutdown begins.
      const body = JSON.stringify(configMap('in-flight', { a: '1' }));
      const url = new URL(CONFIGMAPS('default'), first.url);
      const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        req.write(body.slice(0, 10));
        req.on('socket', (socket) => socket.once('connect', () => setTimeout(() => {
          void first.process.kill('SIGINT');
          setTimeout(() => req.end(body.slice(10)), 300);
        }, 100)));
      });
      const res = await answer;
      expect(res.status, res.text).to.equal(201);
      const exitCode = await new Promise<number | null>((resolve) =>
        first.process.exitCode !== null ? resolve(first.process.exitCode) : first.process.once('exit', resolve),
      );
      expect(exitCode).to.equal(0);
      const second = await startTestServer({ dataDir });
      try {
        const got = await second.get(`${CONFIGMAPS('default')}/in-flight`);
        expect(got.status).to.equal(200);
        expect(got.body.data).to.deep.equal({ a: '1' });
      } finally {
        await second.stop({ keepData: true });
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps every acknowledged write across kill -9 and restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kapi-restart-'));
    try {
      const first = await startTestServer({ dataDir });
      const ns = await first.post('/api/v1/namespaces', namespace('persist'));
      expect(ns.status).to.equal(201);
      const acked: Record<string, string> = {};
      for (let i = 0; i < 20; i++) {
        const res = await first.post(CONFIGMAPS('persist'), configMap(`cm-${i}`, { i: String(i) }));
        expect(res.status).to.equal(201);
        acked[`cm-${i}`] = res.body.metadata.resourceVersion;
      }
      const w = await first.post(WIDGETS('persist'), widget('w'));
      const w2 = await first.put(`${WIDGETS('persist')}/w`, { ...w.body, spec: { ...w.body.spec, color: 'green' } });
      expect(w2.status).to.equal(200);
      const del = await first.del(`${CONFIGMAPS('persist')}/cm-0`);
      expect(del.status).to.equal(200);
      delete acked['cm-0'];
      await first.kill('SIGKILL');

      const second = await startTestServer({ dataDir });
      try {
        const list = await second.get(CONFIGMAPS('persist'));
        const got: Record<string, string> = {};
        for (const item of list.body.items) got[item.metadata.name] = item.metadata.resourceVersion;
        expect(got).to.deep.equal(acked);
        const widgetNow = await second.get(`${WIDGETS('persist')}/w`);
        expect(widgetNow.body.metadata.resourceVersion).to.equal(w2.body.metadata.resourceVersion);
        expect(widgetNow.body.metadata.generation).to.equal(2);
        expect(widgetNow.body.spec.color).to.equal('green');
        // Revisions keep growing after a restart.
        const next = await second.post(CONFIGMAPS('persist'), configMap('after'));
        expect(Number(next.body.metadata.resourceVersion)).to.be.greaterThan(Number(w2.body.metadata.resourceVersion));
        // The system namespaces are not recreated (same uid).
        expect((await second.get('/api/v1/namespaces/default')).body.metadata.uid).to.be.a('string');
      } finally {
        await second.kill('SIGTERM');
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
