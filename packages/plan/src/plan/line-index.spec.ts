import { LineIndex } from './line-index';

describe('LineIndex', () => {
  it.each([
    ['\n', 'a\nbc\n\nd'],
    ['\r\n', 'a\r\nbc\r\n\r\nd'],
    ['\r', 'a\rbc\r\rd'],
  ])('counts lines broken by %j like markdown-it', (_eol, text) => {
    const lines = new LineIndex(text);

    expect(lines.lineCount).toBe(4);
    expect([1, 2, 3, 4].map((line) => lines.lineText(line))).toEqual(['a', 'bc', '', 'd']);
    expect(lines.position(text.indexOf('c'))).toEqual({ line: 2, column: 2 });
    expect(lines.position(text.indexOf('d'))).toEqual({ line: 4, column: 1 });
  });

  it('clamps positions outside the text', () => {
    const lines = new LineIndex('ab\ncd');

    expect(lines.position(-5)).toEqual({ line: 1, column: 1 });
    expect(lines.position(99)).toEqual({ line: 2, column: 3 });
    expect(lines.lineText(0)).toBe('');
    expect(lines.lineText(3)).toBe('');
  });

  it('has one empty line for an empty text', () => {
    const lines = new LineIndex('');

    expect(lines.lineCount).toBe(1);
    expect(lines.lineText(1)).toBe('');
  });
});
