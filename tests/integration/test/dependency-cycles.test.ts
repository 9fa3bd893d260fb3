import { describe, expect, it } from 'vitest';
import { dependencyCycles, workspaceGraph } from '../../../scripts/dependency-cycles.ts';

describe('workspace dependency graph', () => {
  it('has no cycle, devDependencies included', () => {
    const graph = workspaceGraph();
    expect(graph.get('@rankbias/core')).toBeDefined();
    expect(dependencyCycles(graph)).toEqual([]);
  });

  it('the check finds a cycle when there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(dependencyCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
  });
});
