/**
 * closewait/no-leaked-socket, live: a connection handler that turns clients away by returning
 * leaves one CLOSE_WAIT per client that sent something and hung up; destroying the socket leaves none.
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
  removeCompiled,
  reportSnapshot,
  sleep,
  snapshotPort,
  waitLimitMs,
} from './harness.js';
import { expectLintPair } from './lint.js';

const ruleId = 'no-leaked-socket';
const clients = 5;
const payload = 'x'.repeat(100);

describe(`closewait/${ruleId} live reproduction`, () => {
  it('lints bad.ts as a closewait/no-leaked-socket finding only, and good.ts as clean', async () => {
    await expectLintPair(ruleId, `${ruleId}/bad.ts`, `${ruleId}/good.ts`);
  });

  it('lints wrapper-bad.ts (a wrapper dropped on a return) as a finding, and wrapper-good.ts as clean', async () => {
    await expectLintPair(ruleId, `${ruleId}/wrapper-bad.ts`, `${ruleId}/wrapper-good.ts`);
  });

  describe.skipIf(liveSkipReason !== undefined)(`in the socket table${liveSkipReason ? ` (skipped: ${liveSkipReason})` : ''}`, () => {
    let outDir = '';
    const scenario = new Scenario();
    beforeAll(() => {
      outDir = compilePrograms(ruleId);
    });
    afterEach(() => scenario.dispose());
    afterAll(() => removeCompiled(outDir));

    it(`bad.js: ${clients} turned-away clients that send 100 bytes and close leave ${clients} CLOSE_WAIT in the server`, async () => {
      const { program, port } = await scenario.startServer(outDir, 'bad.js');
      await scenario.connectClients(port, clients, { payload });
      const read = () => snapshotPort(port, program.getPids());
      await pollUntil(read, (s) => getSnapshotCounts(s).program.CLOSE_WAIT === clients, waitLimitMs);
      await sleep(300); // still there a while later: nothing is going to close them
      const snapshot = read();
      reportSnapshot(`${ruleId} bad`, snapshot);
      const counts = getSnapshotCounts(snapshot);
      expect(program.countLines(/^turned away/u), describeRun(program, snapshot)).toBe(clients);
      expect(counts.program, describeRun(program, snapshot)).toEqual({ LISTEN: 1, CLOSE_WAIT: clients });
    });

    /** The upstream the wrapper programs connect to: it greets and hangs up, as a server that is done does. */
    async function startUpstream(): Promise<number> {
      return scenario.listen(net.createServer((socket) => socket.end('bye\n')));
    }

    it(`wrapper-bad.js: ${clients} links dropped on a return leave ${clients} CLOSE_WAIT to the upstream`, async () => {
      const upstreamPort = await startUpstream();
      const program = scenario.start(outDir, 'wrapper-bad.js', [String(upstreamPort)]);
      const port = Number((await program.waitForLine(/^listening (\d+)$/u, waitLimitMs))[1]);
      await scenario.connectClients(port, clients, { payload });
      const read = () => snapshotPort(upstreamPort, program.getPids());
      await pollUntil(read, (s) => getSnapshotCounts(s).program.CLOSE_WAIT === clients, waitLimitMs);
      await sleep(300);
      const snapshot = read();
      reportSnapshot(`${ruleId} wrapper-bad`, snapshot);
      expect(program.countLines(/^not served/u), describeRun(program, snapshot)).toBe(clients);
      expect(getSnapshotCounts(snapshot).program, describeRun(program, snapshot)).toEqual({ CLOSE_WAIT: clients });
    });

    it('wrapper-good.js: closing the link before the return leaves nothing behind', async () => {
      const upstreamPort = await startUpstream();
      const program = scenario.start(outDir, 'wrapper-good.js', [String(upstreamPort)]);
      const port = Number((await program.waitForLine(/^listening (\d+)$/u, waitLimitMs))[1]);
      await scenario.connectClients(port, clients, { payload });
      const read = () => snapshotPort(upstreamPort, program.getPids());
      const snapshot = await pollUntil(
        read,
        (s) => program.countLines(/^not served/u) === clients && countConnections(s.program) === 0,
        waitLimitMs,
      );
      reportSnapshot(`${ruleId} wrapper-good`, snapshot);
      expect(program.countLines(/^not served/u), describeRun(program, snapshot)).toBe(clients);
      expect(getSnapshotCounts(snapshot).program, describeRun(program, snapshot)).toEqual({});
    });

    it('good.js: destroying the socket of a turned-away client leaves nothing behind', async () => {
      const { program, port } = await scenario.startServer(outDir, 'good.js');
      await scenario.connectClients(port, clients, { payload });
      const read = () => snapshotPort(port, program.getPids());
      const snapshot = await pollUntil(
        read,
        (s) => program.countLines(/^turned away/u) === clients && countConnections(s.program) === 0 && !getSnapshotCounts(s).all.CLOSE_WAIT,
        waitLimitMs,
      );
      reportSnapshot(`${ruleId} good`, snapshot);
      const counts = getSnapshotCounts(snapshot);
      expect(program.countLines(/^turned away/u), describeRun(program, snapshot)).toBe(clients);
      expect(counts.program, describeRun(program, snapshot)).toEqual({ LISTEN: 1 });
      expect(counts.all.CLOSE_WAIT ?? 0, describeRun(program, snapshot)).toBe(0);
    });
  });
});
