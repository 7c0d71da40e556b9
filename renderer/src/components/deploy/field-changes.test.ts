import { describe, expect, it } from 'vitest';

import { changeLines, createdImage } from './field-changes';

describe('changeLines', () => {
  it('shows only the labels that changed, one line each', () => {
    const lines = changeLines({
      field: 'labels',
      before: { 'com.docker.stack.image': 'nginx:1', keep: 'x' },
      after: { 'com.docker.stack.image': 'nginx:2', keep: 'x', added: 'y' },
    });
    expect(lines).toEqual([
      { label: 'labels added', before: '(unset)', after: 'y' },
      { label: 'labels com.docker.stack.image', before: 'nginx:1', after: 'nginx:2' },
    ]);
  });

  it('keeps other values whole, absent ones as (none)', () => {
    expect(changeLines({ field: 'replicas', before: 1, after: 3 })).toEqual([
      { label: 'replicas', before: '1', after: '3' },
    ]);
    expect(changeLines({ field: 'ports', before: null, after: [{ target: 80 }] })).toEqual([
      { label: 'ports', before: '(none)', after: '[{"target":80}]' },
    ]);
  });

  it('finds the image of a service to create', () => {
    const spec = { TaskTemplate: { ContainerSpec: { Image: 'clair/redis:7' } } };
    expect(createdImage([{ field: 'spec', before: null, after: spec }])).toBe('clair/redis:7');
  });
});
