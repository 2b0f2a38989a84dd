/**
 * closewait/end-half-open-socket, live.
 *
 * - CLOSE_WAIT: a half-open server (`allowHalfOpen: true`) with a `'data'` listener that writes its
 *   answer on `'end'` but never ends the socket: one CLOSE_WAIT per client. Ending it with the
 *   answer leaves nothing.
 * - FIN_WAIT_2 (the opt-in `requireFinWaitTimeout` check): a client program that half-closes each
 *   connection with `end()` against a peer (in the test process) that never closes its side: every
 *   socket waits in FIN_WAIT_2 for as long as the program runs. With a 300 ms idle timeout that
 *   destroys the socket, the program holds none and exits.
 */
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  Scenario,
  compilePrograms,
  countConnections,
  describeRun,
  getSnapshotCounts,
  liveSkipReason,
  pollUntil,
  readTcpFinTimeout,
  removeCompiled,
  reportSnapshot,
  sleep,
  snapshotPort,
  waitLimitMs,
} from './harness.js';
import { expectLintPair } from './lint.js';

const ruleId = 'end-half-open-socket';
const clients = 5;
const payload = 'x'.repeat(100);
const reply = /^report \d+: ok$/u;

describe(`closewait/${ruleId} live reproduction`, () => {
  it('lints bad.ts as a closewait/end-half-open-socket finding only, and good.ts as clean', async () => {
    await expectLintPair(ruleId, `${ruleId}/bad.ts`, `${ruleId}/good.ts`);
  });

  it('lints fin-wait-bad.ts as a closewait/end-half-open-socket finding only with requireFinWaitTimeout, and fin-wait-good.ts as clean', async () => {
    await expectLintPair(ruleId, `${ruleId}/fin-wait-bad.ts`, `${ruleId}/fin-wait-good.ts`, { requireFinWaitTimeout: true });
  });

  describe.skipIf(liveSkipReason !== undefined)(`in the socket table${liveSkipReason ? ` (skipped: ${liveSkipReason})` : ''}`, () => {
    let outDir = '';
    const scenario = new Scenario();
    beforeAll(() => {
      outDir = compilePrograms(ruleId);
    });
    afterEach(() => scenario.dispose());
    afterAll(() => removeCompiled(outDir));

    it(`bad.js: a half-open server that never ends its sockets is left with ${clients} CLOSE_WAIT`, async () => {
      const { program, port } = await scenario.startServer(outDir, 'bad.js');
      await scenario.connectClients(port, clients, { payload });
      const read = () => snapshotPort(port, program.getPids());
      await pollUntil(read, (s) => getSnapshotCounts(s).program.CLOSE_WAIT === clients, waitLimitMs);
      await sleep(300);
      const snapshot = read();
      reportSnapshot(`${ruleId} bad`, snapshot);
      expect(getSnapshotCounts(snapshot).program, describeRun(program, snapshot)).toEqual({ LISTEN: 1, CLOSE_WAIT: clients });
    });

    it('good.js: ending the socket with the answer leaves nothing behind', async () => {
      const { program, port } = await scenario.startServer(outDir, 'good.js');
      await scenario.connectClients(port, clients, { payload });
      const snapshot = await pollUntil(
        () => snapshotPort(port, program.getPids()),
        (s) => countConnections(s.program) === 0 && !getSnapshotCounts(s).all.CLOSE_WAIT && countConnections(s.harness) === 0,
        waitLimitMs,
      );
      reportSnapshot(`${ruleId} good`, snapshot);
      expect(getSnapshotCounts(snapshot).program, describeRun(program, snapshot)).toEqual({ LISTEN: 1 });
      expect(getSnapshotCounts(snapshot).all.CLOSE_WAIT ?? 0, describeRun(program, snapshot)).toBe(0);
    });

    /** The silent peer: half-open, answers each report with `ok` and never closes its side. */
    function startSilentPeer(): Promise<number> {
      const server = net.createServer({ allowHalfOpen: true }, (socket) => {
        socket.once('data', () => socket.write('ok\n'));
        socket.resume();
      });
      return scenario.listen(server);
    }

    it(`fin-wait-bad.js: ${clients} half-closed sockets wait in FIN_WAIT_2 in the program, which never exits`, async () => {
      const port = await startSilentPeer();
      const program = scenario.start(outDir, 'fin-wait-bad.js', [String(port)]);
      const read = () => snapshotPort(port, program.getPids());
      await pollUntil(read, (s) => program.countLines(reply) === clients && getSnapshotCounts(s).program.FIN_WAIT2 === clients, waitLimitMs);
      await sleep(600); // twice the good program's timeout: still there
      const snapshot = read();
      reportSnapshot(`${ruleId} fin-wait bad`, snapshot, `running ${program.isRunning}`);
      expect(program.countLines(reply), describeRun(program, snapshot)).toBe(clients);
      expect(program.isRunning, describeRun(program, snapshot)).toBe(true);
      expect(getSnapshotCounts(snapshot).program, describeRun(program, snapshot)).toEqual({ FIN_WAIT2: clients });
      // Held by the program, they run no kernel timer at all: tcp_fin_timeout does not apply.
      expect(snapshot.program.map((row) => row.timer), describeRun(program, snapshot)).toEqual(Array<number>(clients).fill(0));
    });

    it('fin-wait-good.js: the idle timeout destroys the half-closed sockets, the program holds none and exits', async () => {
      const port = await startSilentPeer();
      const program = scenario.start(outDir, 'fin-wait-good.js', [String(port)]);
      const exited = await program.waitForExit(waitLimitMs);
      const snapshot = snapshotPort(port, []);
      const orphanTimers = snapshot.unowned.filter((r) => r.state === 'FIN_WAIT2').map((r) => `${r.timer}/${Math.round(r.timerMs / 1_000)}s`);
      reportSnapshot(
        `${ruleId} fin-wait good`,
        snapshot,
        `exit code ${program.exitCode}; orphans' timers (kind/expiry) ${orphanTimers.join(' ')}; tcp_fin_timeout ${readTcpFinTimeout()}s`,
      );
      expect(exited, describeRun(program, snapshot)).toBe(true);
      expect(program.exitCode, describeRun(program, snapshot)).toBe(0);
      expect(program.countLines(reply), describeRun(program, snapshot)).toBe(clients);
      expect(getSnapshotCounts(snapshot).program, describeRun(program, snapshot)).toEqual({});
      // What is left of them belongs to no process, and the kernel counts it down: each runs a timer
      // that fires within tcp_fin_timeout (an orphaned FIN_WAIT2 is a TIME_WAIT-style entry).
      const finTimeoutMs = readTcpFinTimeout() * 1_000;
      for (const row of snapshot.unowned.filter((r) => r.state === 'FIN_WAIT2')) {
        expect(row.timer, `an orphaned FIN_WAIT2 socket with no timer: ${JSON.stringify(row)}`).not.toBe(0);
        expect(row.timerMs, JSON.stringify(row)).toBeLessThanOrEqual(finTimeoutMs + 1_000);
      }
    });
  });
});
