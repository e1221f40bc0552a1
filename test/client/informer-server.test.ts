// kapi's SharedIndexInformer against the real server (issue 5, item 6): every scenario of
// scenarios.ts must come out right. The server keeps a small watch cache so that changes made
// while the network is cut push the informer's revision out of history (410 -> relist).
import { expect } from 'chai';
import type { TestServer } from '../server/testserver.js';
import { play, SCENARIOS, World } from './scenarios.js';
import { kapiSubject } from './subjects.js';

describe('client informer against the real server', function () {
  this.timeout(120_000);
  let server: TestServer | undefined;
  const shared = async (): Promise<TestServer> => (server ??= await World.startServer());
  after(async () => {
    await server?.stop();
  });

  for (const scenario of SCENARIOS) {
    it(`scenario "${scenario.name}"`, async () => {
      const verdicts = await play(scenario, kapiSubject, shared);
      for (const v of verdicts) expect(v.ok, `${v.scenario}: ${v.detail}`).to.equal(true);
    });
  }
});
