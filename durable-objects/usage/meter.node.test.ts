import { describe, expect, it } from 'vitest';
import { UsageMeter, unionLength } from './meter.ts';

describe('unionLength', () => {
  it('counts overlapping intervals once', () => {
    expect(unionLength([])).toBe(0);
    expect(
      unionLength([
        [0, 10],
        [5, 15],
        [20, 25],
        [21, 22],
      ]),
    ).toBe(20);
  });
});

describe('UsageMeter', () => {
  it('counts nothing until the deployment turns it on', () => {
    const m = new UsageMeter();
    m.workerRequest();
    m.rows(3);
    m.invocation('tournament', 'v/t', 'rpc', 0, 5);
    m.enableFrom({});
    m.workerRequest();
    expect(m.report().workerRequests).toBe(0);
    expect(m.report().rowsWritten).toBe(0);
    expect(m.report().durableObjects.rpc).toBe(0);
  });

  it('bills RPC and alarms as requests and WebSocket messages 20:1, awake time per object', () => {
    const m = new UsageMeter();
    m.enableFrom({ FELT_METER: '1' });
    m.workerRequest();
    m.invocation('tournament', 'v/t', 'rpc', 0, 10);
    m.invocation('tournament', 'v/t', 'alarm', 5, 12);
    for (let i = 0; i < 40; i++) m.invocation('tournament', 'v/t', 'websocket-message', 100 + i, 101 + i);
    m.invocation('venue', 'v', 'rpc', 0, 4);
    m.rows(7);
    const r = m.report();
    expect(r.workerRequests).toBe(1);
    expect(r.rowsWritten).toBe(7);
    expect(r.durableObjects.billedRequests).toBe(1 + 1 + 40 / 20 + 1);
    expect(r.durableObjects.byClass.tournament).toEqual({ requests: 4, awakeMs: 12 + 40, objects: 1 });
    expect(r.durableObjects.byClass.venue).toEqual({ requests: 1, awakeMs: 4, objects: 1 });
    expect(r.durableObjects.awakeMs).toBe(56);
  });
});
