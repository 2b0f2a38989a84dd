/**
 * closewait/close-in-parent-after-fork, live: a dispatcher forks a worker and hands it every
 * connection with `send('conn', socket, { keepOpen: true })`. The worker reads each one and destroys
 * its copy on `'end'`; a dispatcher that never releases its own copy is left with one CLOSE_WAIT per
 * connection. Destroying it in the `send` callback leaves nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  Scenario,
  compilePrograms,
  countByState,
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
  type LiveProgram,
  type PortSnapshot,
} from './harness.js';
import { expectLintClean, expectLintPair } from './lint.js';

const ruleId = 'close-in-parent-after-fork';
const clients = 5;
const payload = 'x'.repeat(100);
const workerRead = /^worker read 100 bytes$/u;

/** Per-process counts: the dispatcher (the group leader) and its worker. */
function getProcessCounts(program: LiveProgram, snapshot: PortSnapshot) {
  const dispatcher = countByState(snapshot.byPid.get(program.pid) ?? []);
  const workers = [...snapshot.byPid].filter(([pid]) => pid !== program.pid).map(([, rows]) => countByState(rows));
  return { dispatcher, workers };
}

describe(`closewait/${ruleId} live reproduction`, () => {
  it('lints bad.ts as a closewait/close-in-parent-after-fork finding only, and good.ts and worker.ts as clean', async () => {
    await expectLintPair(ruleId, `${ruleId}/bad.ts`, `${ruleId}/good.ts`);
    await expectLintClean(ruleId, `${ruleId}/worker.ts`);
  });

  describe.skipIf(liveSkipReason !== undefined)(`in the socket table${liveSkipReason ? ` (skipped: ${liveSkipReason})` : ''}`, () => {
    let outDir = '';
    const scenario = new Scenario();
    beforeAll(() => {
      outDir = compilePrograms(ruleId);
    });
    afterEach(() => scenario.dispose());
    afterAll(() => removeCompiled(outDir));

    it(`bad.js: the worker destroys its copies, the dispatcher is left with ${clients} CLOSE_WAIT`, async () => {
      const { program, port } = await scenario.startServer(outDir, 'bad.js');
      await scenario.connectClients(port, clients, { payload });
      const read = () => snapshotPort(port, program.getPids());
      await pollUntil(
        read,
        (s) => program.countLines(workerRead) === clients && getSnapshotCounts(s).program.CLOSE_WAIT === clients,
        waitLimitMs,
      );
      await sleep(300);
      const snapshot = read();
      reportSnapshot(`${ruleId} bad`, snapshot);
      const { dispatcher, workers } = getProcessCounts(program, snapshot);
      expect(program.countLines(workerRead), describeRun(program, snapshot)).toBe(clients);
      expect(workers, `one worker, holding no connection\n${describeRun(program, snapshot)}`).toEqual([{}]);
      expect(dispatcher, describeRun(program, snapshot)).toEqual({ LISTEN: 1, CLOSE_WAIT: clients });
    });

    it('good.js: the dispatcher destroys its copy in the send callback, nothing is left', async () => {
      const { program, port } = await scenario.startServer(outDir, 'good.js');
      await scenario.connectClients(port, clients, { payload });
      const snapshot = await pollUntil(
        () => snapshotPort(port, program.getPids()),
        (s) =>
          program.countLines(workerRead) === clients &&
          countConnections(s.program) === 0 &&
          !getSnapshotCounts(s).all.CLOSE_WAIT &&
          countConnections(s.harness) === 0,
        waitLimitMs,
      );
      reportSnapshot(`${ruleId} good`, snapshot);
      const { dispatcher, workers } = getProcessCounts(program, snapshot);
      expect(program.countLines(workerRead), describeRun(program, snapshot)).toBe(clients);
      expect(workers, `one worker, holding no connection\n${describeRun(program, snapshot)}`).toEqual([{}]);
      expect(dispatcher, describeRun(program, snapshot)).toEqual({ LISTEN: 1 });
      expect(getSnapshotCounts(snapshot).all.CLOSE_WAIT ?? 0, describeRun(program, snapshot)).toBe(0);
    });
  });
});
