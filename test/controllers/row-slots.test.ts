import { expect } from '@open-wc/testing';
import type { RowKind } from '../../src/controllers/row-heights.js';
import { RowSlots } from '../../src/controllers/row-slots.js';

const rows = (keys: string[], kind: RowKind = 'item') => keys.map((key) => ({ key, kind }));

describe('RowSlots', () => {
  it('keeps the slot of every row that stays, wherever it moves', () => {
    const slots = new RowSlots();
    const [a, b, c] = slots.assign(rows(['a', 'b', 'c']));
    // a new notification on top: the others keep their elements
    const next = slots.assign(rows(['new', 'a', 'b', 'c']));
    expect(next.slice(1)).to.deep.equal([a, b, c]);
    expect([a, b, c]).not.to.include(next[0]);
  });

  it('gives a row coming into view the slot of one that left, in the order Lit moves least', () => {
    const slots = new RowSlots();
    const [s0, s1, s2, s3] = slots.assign(rows(['r0', 'r1', 'r2', 'r3']));
    // Scrolled down two rows: r0 and r1 leave at the top, r4 and r5 enter at the bottom and take
    // their slots in reverse, which repeat() moves as "old head -> new tail" without touching r2, r3.
    expect(slots.assign(rows(['r2', 'r3', 'r4', 'r5']))).to.deep.equal([s2, s3, s1, s0]);
    // Scrolled back up: r4 and r5 leave at the bottom; r0 enters at the top with r5's slot
    // ("old tail -> new head").
    expect(slots.assign(rows(['r0', 'r1', 'r2', 'r3']))).to.deep.equal([s0, s1, s2, s3]);
    // A jump of a whole window: every row takes the slot of the row at its place (no move at all).
    expect(slots.assign(rows(['r90', 'r91', 'r92', 'r93']))).to.deep.equal([s0, s1, s2, s3]);
    // Rows replaced on the side they left from take the slots in screen order (updated in place).
    expect(slots.assign(rows(['x0', 'x1', 'r92', 'r93']))).to.deep.equal([s0, s1, s2, s3]);
  });

  it('hands a slot only to a row of the same kind (the same template)', () => {
    const slots = new RowSlots();
    const [day, item] = slots.assign([
      { key: 'day:1', kind: 'day' },
      { key: 'i1', kind: 'item' },
    ]);
    const [item2, day2] = slots.assign([
      { key: 'i2', kind: 'item' },
      { key: 'day:2', kind: 'day' },
    ]);
    expect(item2).to.equal(item);
    expect(day2).to.equal(day);
  });

  it('never hands the focused row’s slot to another row', () => {
    const slots = new RowSlots();
    const [, focused] = slots.assign(rows(['a', 'b', 'c']));
    const next = slots.assign(rows(['x', 'y', 'z']), 'b');
    expect(next).not.to.include(focused);
    expect(new Set(next).size).to.equal(3);
  });

  it('gives every row in view a slot of its own', () => {
    const slots = new RowSlots();
    let keys = Array.from({ length: 20 }, (_, i) => `r${i}`);
    for (let step = 0; step < 50; step++) {
      // rows added on top, removed, scrolled: whatever happens, no two rows share an element
      const shift = (step * 7) % 13;
      keys = [...Array.from({ length: shift % 3 }, (_, i) => `n${step}-${i}`), ...keys.slice(shift % 5)].slice(0, 20);
      const assigned = slots.assign(rows(keys));
      expect(new Set(assigned).size, `step ${step}`).to.equal(keys.length);
    }
  });
});
