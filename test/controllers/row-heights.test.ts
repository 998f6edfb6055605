import { expect } from '@open-wc/testing';
import { RowHeights, type RowKind } from '../../src/controllers/row-heights.js';

const rows = (keys: string[], kind: RowKind = 'item') => keys.map((key) => ({ key, kind }));
const layout = (kinds: RowKind[]): RowHeights => {
  const heights = new RowHeights();
  heights.setRows(kinds.map((kind, i) => ({ key: `r${i}`, kind })));
  return heights;
};

describe('RowHeights', () => {
  it('estimates unmeasured rows from the measured mean of their kind', () => {
    const heights = layout(['day', 'item', 'item', 'item', 'day', 'item']);
    heights.measure(0, 30);
    heights.measure(1, 100);
    heights.measure(2, 60);
    heights.update();
    // items 3 and 5 take the item mean (80), day 4 the day mean (30)
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => heights.offsetOf(i))).to.deep.equal([0, 30, 130, 190, 270, 300, 380]);
    expect(heights.total).to.equal(380);
  });

  it('finds the row at any offset, clamped to the list', () => {
    const heights = layout(['item', 'item', 'item']);
    [50, 70, 90].forEach((h, i) => heights.measure(i, h));
    heights.update();
    expect([-5, 0, 49, 50, 119, 120, 209, 210, 10_000].map((y) => heights.indexAt(y))).to.deep.equal([0, 0, 0, 1, 1, 2, 2, 2, 2]);
  });

  it('keeps heights by key when the rows shift (a new notification on top)', () => {
    const heights = new RowHeights();
    heights.setRows(rows(['a', 'b']));
    heights.measure(0, 40);
    heights.measure(1, 120);
    heights.setRows(rows(['new', 'a', 'b']));
    // 'new' is estimated at the mean (80); a and b keep what was measured
    expect([1, 2, 3].map((i) => heights.offsetOf(i))).to.deep.equal([80, 120, 240]);
  });

  it('copies the heights of kept rows as a lookup by key would give them', () => {
    const old = [...rows(['day:1'], 'day'), ...rows(['a', 'b', 'c'])];
    const measured = [30, 40, 120, 60];
    const byKey = new RowHeights();
    const kept = new RowHeights();
    for (const heights of [byKey, kept]) {
      heights.setRows(old);
      measured.forEach((h, i) => heights.measure(i, h));
    }
    // Two new rows of the same day on top: the old header is dropped (from 1), a, b, c are kept.
    const next = [...rows(['day:1'], 'day'), ...rows(['new1', 'new2']), ...old.slice(1)];
    byKey.setRows(next);
    kept.setRows(next, { at: 3, from: 1, count: 3 });
    const offsets = (heights: RowHeights) => next.map((_, i) => heights.offsetOf(i + 1));
    expect(offsets(kept)).to.deep.equal(offsets(byKey));
    expect(offsets(kept)).to.deep.equal([30, 103.33333333333333, 176.66666666666666, 216.66666666666666, 336.66666666666663, 396.66666666666663]);
    // Then older rows at the bottom: all of the above kept from 0.
    const older = [...next, ...rows(['day:0'], 'day'), ...rows(['old1'])];
    byKey.setRows(older);
    kept.setRows(older, { at: 0, from: 0, count: next.length });
    expect(older.map((_, i) => kept.offsetOf(i + 1))).to.deep.equal(older.map((_, i) => byKey.offsetOf(i + 1)));
  });

  it('reports only real changes, so an unchanged row costs no re-layout', () => {
    const heights = layout(['item']);
    expect(heights.measure(0, 64)).to.equal(true);
    expect(heights.measure(0, 64)).to.equal(false);
    expect(heights.measure(0, 70)).to.equal(true);
    expect(heights.measure(5, 70)).to.equal(false);
  });
});
