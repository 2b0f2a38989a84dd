/**
 * closewait/no-return-in-accept-loop, live: a Deno-style accept loop on Node
 * (`for await (const [socket] of on(server, 'connection'))`) serving one client at a time. Six
 * clients connect: the first is served, the second is turned away. A `return` there ends the loop
 * while the listener stays open: libuv keeps accepting, nobody serves the four connections after it,
 * and they sit in CLOSE_WAIT once their clients hang up. With `continue`, nothing is left.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  Scenario,
  compilePrograms,
  countConnections,
  describeRun,
  getSnapshotCounts,
  liveSkipReason,
  pollUntil,
  removeCompiled,
  reportSnapshot,
  sleep,
  snapshotPort,
  waitLimitMs,
} from './harness.js';
import { expectLintPair } from './lint.js';

const ruleId = 'no-return-in-accept-loop';
const clients = 6;
const payload = 'x'.repeat(100);
const turnedAway = /^turned away a client over the limit$/u;

describe(`closewait/${ruleId} live reproduction`, () => {
  it('lints bad.ts as a closewait/no-return-in-accept-loop finding only, and good.ts as clean', async () => {
    await expectLintPair(ruleId, `${ruleId}/bad.ts`, `${ruleId}/good.ts`);
  });

  describe.skipIf(liveSkipReason !== undefined)(`in the socket table${liveSkipReason ? ` (skipped: ${liveSkipReason})` : ''}`, () => {
    let outDir = '';
    const scenario = new Scenario();
    beforeAll(() => {
      outDir = compilePrograms(ruleId);
    });
    afterEach(() => scenario.dispose());
    afterAll(() => removeCompiled(outDir));

    it(`bad.js: after the return, the listener stays open and ${clients - 2} connections are left in CLOSE_WAIT`, async () => {
      const { program, port } = await scenario.startServer(outDir, 'bad.js');
      // All six connect before any of them sends: the first is being served when the second arrives.
      const connected = await scenario.connectClients(port, clients, { payload, deferSend: true });
      await program.waitForLine(turnedAway, waitLimitMs);
      connected.send();
      const read = () => snapshotPort(port, program.getPids());
      await pollUntil(read, (s) => getSnapshotCounts(s).all.CLOSE_WAIT === clients - 2, waitLimitMs);
      await sleep(300); // still there a while later: the loop is gone
      const snapshot = read();
      reportSnapshot(`${ruleId} bad`, snapshot);
      const counts = getSnapshotCounts(snapshot);
      expect(program.countLines(turnedAway), describeRun(program, snapshot)).toBe(1);
      // The listener is still open, and the connections nobody serves sit in CLOSE_WAIT.
      expect(counts.program.LISTEN, describeRun(program, snapshot)).toBe(1);
      expect(counts.all.CLOSE_WAIT, describeRun(program, snapshot)).toBe(clients - 2);
      expect((counts.program.CLOSE_WAIT ?? 0) + (counts.unowned.CLOSE_WAIT ?? 0), describeRun(program, snapshot)).toBe(clients - 2);
    });

    it('good.js: with `continue` every turned-away connection is closed and the loop goes on', async () => {
      const { program, port } = await scenario.startServer(outDir, 'good.js');
      const connected = await scenario.connectClients(port, clients, { payload, deferSend: true });
      await program.waitForLine(turnedAway, waitLimitMs);
      connected.send();
      const snapshot = await pollUntil(
        () => snapshotPort(port, program.getPids()),
        (s) => countConnections(s.program) === 0 && !getSnapshotCounts(s).all.CLOSE_WAIT && countConnections(s.harness) === 0,
        waitLimitMs,
      );
      reportSnapshot(`${ruleId} good`, snapshot, `turned away ${program.countLines(turnedAway)}`);
      const counts = getSnapshotCounts(snapshot);
      expect(program.countLines(turnedAway), describeRun(program, snapshot)).toBe(clients - 1);
      expect(counts.program, describeRun(program, snapshot)).toEqual({ LISTEN: 1 });
      expect(counts.all.CLOSE_WAIT ?? 0, describeRun(program, snapshot)).toBe(0);
    });
  });
});
