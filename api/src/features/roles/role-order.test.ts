import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors/app-error.js';
import { reorderedRolePositions } from './role-order.js';

const roles = [
  { id: '10', position: 10 },
  { id: '20', position: 5 },
  { id: '30', position: 1 },
  { id: '40', position: 1 },
];
const owner = () => true;
const belowFive = (position: number) => position < 5;
const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return 'no error';
};

describe('reorderedRolePositions', () => {
  it('gives an owner distinct positions n..1 in the order given, listing only the roles that move', () => {
    expect(Object.fromEntries(reorderedRolePositions(roles, ['40', '10', '30', '20'], owner))).toEqual({
      '40': 4,
      '10': 3,
      '30': 2,
      '20': 1,
    });
  });

  it('changes nothing when the order is the current one and positions are already distinct', () => {
    const distinct = [
      { id: '1', position: 3 },
      { id: '2', position: 2 },
      { id: '3', position: 1 },
    ];
    expect(reorderedRolePositions(distinct, ['1', '2', '3'], owner).size).toBe(0);
  });

  it('lets a member reorder the roles below their highest and keeps the locked ones in place', () => {
    expect(Object.fromEntries(reorderedRolePositions(roles, ['10', '20', '40', '30'], belowFive))).toEqual({ '40': 2 });
  });

  it('moves the locked roles up together, ties kept, only when the roles below need the room', () => {
    const crowded = [
      { id: '1', position: 3 },
      { id: '2', position: 2 },
      { id: '3', position: 2 },
      { id: '4', position: 1 },
      { id: '5', position: 1 },
    ];
    const next = reorderedRolePositions(crowded, ['1', '2', '3', '5', '4'], (p) => p < 2);
    // Two roles below need positions 2 and 1: the locked ones shift by one, the tie stays a tie.
    expect(Object.fromEntries(next)).toEqual({ '1': 4, '2': 3, '3': 3, '5': 2 });
  });

  it('refuses to move a role above a locked one, or a locked one at all', () => {
    expect(codeOf(() => reorderedRolePositions(roles, ['10', '30', '20', '40'], belowFive))).toBe('FORBIDDEN');
    expect(codeOf(() => reorderedRolePositions(roles, ['20', '10', '30', '40'], belowFive))).toBe('FORBIDDEN');
  });

  it('refuses a list that misses, repeats or invents a role', () => {
    expect(codeOf(() => reorderedRolePositions(roles, ['10', '20', '30'], owner))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => reorderedRolePositions(roles, ['10', '20', '30', '30'], owner))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => reorderedRolePositions(roles, ['10', '20', '30', '99'], owner))).toBe('BAD_USER_INPUT');
  });
});
