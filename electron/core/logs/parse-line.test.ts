import { describe, expect, it } from 'vitest';

import { LineSplitter } from './line-splitter';
import { classify, normaliseTime, parseDockerLine, toEngineTime } from './parse-line';

const details =
  'com.docker.swarm.node.id=8vez1xwtmlf9clhv8ctycf7y0,com.docker.swarm.service.id=o9ziq1js8krtet5nbjz9e91fv,com.docker.swarm.task.id=9sfe6bvgmhhpq3swwnzcsmzrc';

describe('parseDockerLine', () => {
  it('splits the timestamp and the swarm details from the text', () => {
    expect(parseDockerLine(`2026-11-29T20:10:30.06152Z ${details} {"level":"info","msg":"n1"}`)).toEqual({
      time: '2026-11-29T20:10:30.061520000Z',
      taskId: '9sfe6bvgmhhpq3swwnzcsmzrc',
      text: '{"level":"info","msg":"n1"}',
    });
  });

  it('keeps a line without details whole, and refuses one without a timestamp', () => {
    expect(parseDockerLine('2026-11-29T20:10:30Z a=b is text')).toEqual({
      time: '2026-11-29T20:10:30.000000000Z',
      taskId: '',
      text: 'a=b is text',
    });
    expect(parseDockerLine('no timestamp here')).toBeUndefined();
  });
});

describe('times', () => {
  it('pads fractions so that times sort as strings', () => {
    const a = normaliseTime('2026-11-29T20:10:30.06152Z')!;
    const b = normaliseTime('2026-11-29T20:10:30.061527004Z')!;
    expect([b, a].sort()).toEqual([a, b]);
  });

  it('gives the engine seconds and nanoseconds, offsets included', () => {
    expect(toEngineTime('2026-11-29T20:10:30.061527004Z')).toBe(
      `${Date.UTC(2026, 10, 29, 20, 10, 30) / 1000}.061527004`,
    );
    expect(toEngineTime('2026-11-29T21:10:30+01:00')).toBe(`${Date.UTC(2026, 10, 29, 20, 10, 30) / 1000}.000000000`);
  });
});

describe('classify', () => {
  it.each([
    ['{"level":"warn","msg":"x"}', 'warn', true],
    ['{"level":50,"msg":"pino"}', 'error', true],
    ['{"level":20}', 'debug', true],
    ['{"severity":"CRITICAL"}', 'error', true],
    ['{"msg":"no level"}', 'other', true],
    ['ERROR: database is down', 'error', false],
    ['2026/11/29 20:10:30 [warn] 1#1: slow upstream', 'warn', false],
    ['2026-11-29 20:10:30.000 UTC [1] LOG:  ready', 'info', false],
    ['time=now level=debug msg=x', 'debug', false],
    ['an information message with error inside', 'other', false],
    ['[1, 2]', 'other', false],
  ])('%s is %s', (text, level, json) => {
    expect(classify(text)).toEqual({ level, json });
  });
});

describe('LineSplitter', () => {
  it('holds a line and a multi-byte character split across chunks', () => {
    const splitter = new LineSplitter();
    const bytes = Buffer.from('one\ntwö\nthr');
    expect(splitter.push(bytes.subarray(0, 7))).toEqual(['one']);
    expect(splitter.push(bytes.subarray(7))).toEqual(['twö']);
    expect(splitter.end()).toEqual(['thr']);
  });
});
