/**
 * closewait/consume-response-body, live: health checks through a keep-alive agent with two sockets
 * against a peer (in the test process) that answers 503. Leaving the error page unread keeps both
 * sockets checked out: two of five responses ever arrive, both sockets stay ESTABLISHED. Draining it
 * with `res.resume()` lets all five complete.
 */
import http from 'node:http';
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

const ruleId = 'consume-response-body';
const checks = 5;
const poolSize = 2;
/**
 * A short error page: with `http.get`, even a 20-byte body keeps its socket checked out until it is
 * read (undici's `fetch` is different: it buffers small bodies whole and stalls only on large ones).
 */
const errorPage = 'Service Unavailable\n';

describe(`closewait/${ruleId} live reproduction`, () => {
  it('lints bad.ts as a closewait/consume-response-body finding only, and good.ts as clean', async () => {
    await expectLintPair(ruleId, `${ruleId}/bad.ts`, `${ruleId}/good.ts`);
  });

  it('lints chain-bad.ts (a .then callback that never reads the body) as a finding, and chain-good.ts as clean', async () => {
    await expectLintPair(ruleId, `${ruleId}/chain-bad.ts`, `${ruleId}/chain-good.ts`);
  });

  it('lints callback-bad.ts (a response callback with no parameter) as a finding, and callback-good.ts as clean', async () => {
    await expectLintPair(ruleId, `${ruleId}/callback-bad.ts`, `${ruleId}/callback-good.ts`);
  });

  describe.skipIf(liveSkipReason !== undefined)(`in the socket table${liveSkipReason ? ` (skipped: ${liveSkipReason})` : ''}`, () => {
    let outDir = '';
    const scenario = new Scenario();
    beforeAll(() => {
      outDir = compilePrograms(ruleId);
    });
    afterEach(() => scenario.dispose());
    afterAll(() => removeCompiled(outDir));

    /**
     * The peer: answers every request with a 503. It keeps idle keep-alive connections for a minute,
     * so the only thing that can free a pooled socket during the test is the program itself.
     */
    async function startUnavailableServer(): Promise<{ port: number; requests: () => number }> {
      let requests = 0;
      const server = http.createServer((req, res) => {
        requests += 1;
        req.resume();
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end(errorPage);
      });
      server.keepAliveTimeout = 60_000;
      const port = await scenario.listen(server);
      return { port, requests: () => requests };
    }

    it(`bad.js: ${poolSize} of ${checks} responses arrive, the pool's ${poolSize} sockets stay ESTABLISHED`, async () => {
      const peer = await startUnavailableServer();
      const program = scenario.start(outDir, 'bad.js', [String(peer.port)]);
      const read = () => snapshotPort(peer.port, program.getPids());
      await pollUntil(
        read,
        (s) => program.countLines(/^response /u) >= poolSize && getSnapshotCounts(s).program.ESTABLISHED === poolSize,
        waitLimitMs,
      );
      await sleep(500); // no further response comes: the remaining requests wait for a free socket
      const snapshot = read();
      reportSnapshot(`${ruleId} bad`, snapshot, `responses ${program.countLines(/^response /u)} of ${checks}, requests at the peer ${peer.requests()}`);
      expect(program.isRunning, describeRun(program, snapshot)).toBe(true);
      expect(program.countLines(/^response \d+ 503$/u), describeRun(program, snapshot)).toBe(poolSize);
      expect(peer.requests(), describeRun(program, snapshot)).toBe(poolSize);
      expect(getSnapshotCounts(snapshot).program, describeRun(program, snapshot)).toEqual({ ESTABLISHED: poolSize });
    });

    /** A peer that answers 503 with a body too large for undici to buffer whole (256 KiB). */
    async function startLargeErrorServer(): Promise<{ port: number; requests: () => number }> {
      let requests = 0;
      const page = Buffer.alloc(256 * 1024, 'x');
      const server = http.createServer((req, res) => {
        requests += 1;
        req.resume();
        res.writeHead(503, { 'content-type': 'text/plain', 'content-length': page.length });
        res.end(page);
      });
      server.keepAliveTimeout = 60_000;
      const port = await scenario.listen(server);
      return { port, requests: () => requests };
    }

    it('chain-bad.js: a .then callback that leaves the body unread lets 1 of 3 checks complete', async () => {
      const peer = await startLargeErrorServer();
      const program = scenario.start(outDir, 'chain-bad.js', [String(peer.port)]);
      const read = () => snapshotPort(peer.port, program.getPids());
      await pollUntil(read, () => program.countLines(/^response /u) >= 1, waitLimitMs);
      await sleep(1000); // the second check waits for the only connection, which is never given back
      const snapshot = read();
      reportSnapshot(`${ruleId} chain-bad`, snapshot, `checks ${program.countLines(/^response /u)} of 3, requests at the peer ${peer.requests()}`);
      expect(program.isRunning, describeRun(program, snapshot)).toBe(true);
      expect(program.countLines(/^response \d+ false$/u), describeRun(program, snapshot)).toBe(1);
      expect(getSnapshotCounts(snapshot).program, describeRun(program, snapshot)).toEqual({ ESTABLISHED: 1 });
    });

    it('chain-good.js: cancelling the body in the callback lets all 3 checks complete', async () => {
      const peer = await startLargeErrorServer();
      const program = scenario.start(outDir, 'chain-good.js', [String(peer.port)]);
      const exited = await program.waitForExit(waitLimitMs);
      const snapshot = snapshotPort(peer.port, []);
      reportSnapshot(`${ruleId} chain-good`, snapshot, `checks ${program.countLines(/^response /u)} of 3, exit code ${program.exitCode}`);
      expect(exited, describeRun(program, snapshot)).toBe(true);
      expect(program.exitCode, describeRun(program, snapshot)).toBe(0);
      expect(program.countLines(/^response \d+ false$/u), describeRun(program, snapshot)).toBe(3);
    });

    it('callback-bad.js: a response callback with no parameter lets 1 of 3 pings complete', async () => {
      const peer = await startUnavailableServer();
      const program = scenario.start(outDir, 'callback-bad.js', [String(peer.port)]);
      const read = () => snapshotPort(peer.port, program.getPids());
      await pollUntil(read, (s) => program.countLines(/^response /u) >= 1 && getSnapshotCounts(s).program.ESTABLISHED === 1, waitLimitMs);
      await sleep(500); // the other two wait for the only socket, which is never given back
      const snapshot = read();
      reportSnapshot(`${ruleId} callback-bad`, snapshot, `pings ${program.countLines(/^response /u)} of 3, requests at the peer ${peer.requests()}`);
      expect(program.isRunning, describeRun(program, snapshot)).toBe(true);
      expect(program.countLines(/^response /u), describeRun(program, snapshot)).toBe(1);
      expect(peer.requests(), describeRun(program, snapshot)).toBe(1);
      expect(getSnapshotCounts(snapshot).program, describeRun(program, snapshot)).toEqual({ ESTABLISHED: 1 });
    });

    it('callback-good.js: taking the response and resuming it lets all 3 pings complete', async () => {
      const peer = await startUnavailableServer();
      const program = scenario.start(outDir, 'callback-good.js', [String(peer.port)]);
      const exited = await program.waitForExit(waitLimitMs);
      const snapshot = await pollUntil(() => snapshotPort(peer.port, []), (s) => countConnections(s.harness) === 0, 2_000);
      reportSnapshot(`${ruleId} callback-good`, snapshot, `pings ${program.countLines(/^response /u)} of 3, exit code ${program.exitCode}`);
      expect(exited, describeRun(program, snapshot)).toBe(true);
      expect(program.countLines(/^response /u), describeRun(program, snapshot)).toBe(3);
      expect(peer.requests(), describeRun(program, snapshot)).toBe(3);
    });

    it(`good.js: all ${checks} responses arrive, and the agent is destroyed with no socket left`, async () => {
      const peer = await startUnavailableServer();
      const program = scenario.start(outDir, 'good.js', [String(peer.port)]);
      const exited = await program.waitForExit(waitLimitMs);
      const snapshot = await pollUntil(() => snapshotPort(peer.port, []), (s) => countConnections(s.harness) === 0, 2_000);
      reportSnapshot(`${ruleId} good`, snapshot, `responses ${program.countLines(/^response /u)} of ${checks}, requests at the peer ${peer.requests()}, exit code ${program.exitCode}`);
      expect(exited, describeRun(program, snapshot)).toBe(true);
      expect(program.exitCode, describeRun(program, snapshot)).toBe(0);
      expect(program.countLines(/^response \d+ 503$/u), describeRun(program, snapshot)).toBe(checks);
      expect(peer.requests(), describeRun(program, snapshot)).toBe(checks);
      const counts = getSnapshotCounts(snapshot);
      expect(countConnections(snapshot.harness), describeRun(program, snapshot)).toBe(0);
      expect(counts.all.ESTABLISHED ?? 0, describeRun(program, snapshot)).toBe(0);
      expect(counts.all.CLOSE_WAIT ?? 0, describeRun(program, snapshot)).toBe(0);
    });
  });
});
