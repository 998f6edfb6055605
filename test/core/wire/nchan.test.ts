import { expect } from '@open-wc/testing';
import { readNchanFrame } from '../../../src/core/wire/nchan.js';

describe('readNchanFrame (ws+meta.nchan)', () => {
  it('reads the id and the message, with or without a content type', () => {
    expect(readNchanFrame('id: 1796692048:0\ncontent-type: application/json\n\n{"id":"n1","title":"Hi"}')).to.deep.equal({
      id: '1796692048:0',
      data: '{"id":"n1","title":"Hi"}',
    });
    expect(readNchanFrame('id: 1796692048:1\n\n{"a":"b\\n\\nc"}')).to.deep.equal({ id: '1796692048:1', data: '{"a":"b\\n\\nc"}' });
  });

  it('skips a frame with no id or no header block', () => {
    expect(readNchanFrame('{"id":"n1","title":"Hi"}')).to.equal(undefined);
    expect(readNchanFrame('content-type: application/json\n\n{}')).to.equal(undefined);
    expect(readNchanFrame('id 5\n\n{}')).to.equal(undefined);
  });
});
