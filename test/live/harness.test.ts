/** The harness's reading of the kernel's socket table, on fixed text (runs on any platform). */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { countByState, formatCounts, parseEndpoint, parseSocketTable } from './harness.js';

const header =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';

describe.skipIf(os.endianness() !== 'LE')('live harness: /proc/net/tcp parsing (little-endian hosts)', () => {
  it('reads IPv4 endpoints in host byte order and ports in hex', () => {
    expect(parseEndpoint('0100007F:1F90')).toEqual({ address: '127.0.0.1', port: 8080 });
    expect(parseEndpoint('00000000:0000')).toEqual({ address: '0.0.0.0', port: 0 });
  });

  it('reads IPv6 endpoints, IPv4-mapped ones as IPv4', () => {
    expect(parseEndpoint('0000000000000000FFFF00000100007F:0050')).toEqual({ address: '127.0.0.1', port: 80 });
    expect(parseEndpoint('00000000000000000000000001000000:0050')).toEqual({ address: '0:0:0:0:0:0:0:1', port: 80 });
  });

  it('reads state, inode and timer, and counts by state', () => {
    const rows = parseSocketTable(
      [
        header,
        '   0: 0100007F:87E5 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 82468 1 0000000000000000 100 0 0 10 0',
        '   1: 0100007F:87E5 0100007F:D298 08 00000000:00000000 00:00000000 00000000  1000        0 82485 1 0000000000000000 20 4 30 10 -1',
        '   2: 0100007F:D27C 0100007F:87E5 05 00000000:00000000 03:0000170B 00000000     0        0 0 3 0000000000000000',
        '',
      ].join('\n'),
    );
    expect(rows.map((row) => [row.state, row.inode, row.timer, row.timerMs])).toEqual([
      ['LISTEN', 82468, 0, 0],
      ['CLOSE_WAIT', 82485, 0, 0],
      ['FIN_WAIT2', 0, 3, 58_990],
    ]);
    expect(rows[1]?.remote).toEqual({ address: '127.0.0.1', port: 0xd298 });
    expect(formatCounts(countByState(rows))).toBe('CLOSE_WAIT 1, FIN_WAIT2 1, LISTEN 1');
  });

  it('rejects a state it does not know', () => {
    expect(() => parseSocketTable(`${header}\n   0: 0100007F:87E5 00000000:0000 1F 00000000:00000000 00:00000000 00000000 0 0 1`)).toThrow(/unknown TCP state 1F/u);
  });
});
