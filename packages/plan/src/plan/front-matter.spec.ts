import { readFrontMatter, simpleFrontMatter, yamlFrontMatter } from './front-matter';
import { COMPLETE_PLAN, GENERATED_PLAN } from './__fixtures__/plans';

/**
 * The front matter as plans write it is read without the YAML library; whatever that reader
 * accepts, it must read exactly as `yaml` does: the same data, fields and positions.
 */
describe('readFrontMatter', () => {
  const yamlOf = (plan: string) => /^---\n([\s\S]*?\n)---\n/.exec(plan)![1];
  const same = (yaml: string) => expect(readFrontMatter(yaml, 2)).toEqual(yamlFrontMatter(yaml, 2));

  it.each([
    ['a generated plan', yamlOf(GENERATED_PLAN)],
    ['an approved plan', yamlOf(COMPLETE_PLAN)],
    ['quoted values', 'module: \'zeta\'\nuseCase: "BookRoom"\nstatus:   approved\n'],
    [
      'an approval with a name, an e-mail, a date and a digest',
      "approval:\n  by: A. O'Reviewer (Security)\n  email: a.reviewer+plans@example.com\n  at: 2026-11-20T10:00:00.000Z\n  digest: sha256:0123456789abcdef\nstatus: approved\n",
    ],
    [
      'a list of approvals',
      'module: zeta\nstatus: approved\napprovals:\n  - by: A. Reviewer\n    email: a@example.com\n    at: 2026-11-20T10:00:00.000Z\n    digest: sha256:0123\n  - by:   B\n    at: 2026-11-21\nuseCase: BookRoom\n',
    ],
  ])('reads %s as yaml does, without yaml', (_case, yaml) => {
    expect(simpleFrontMatter(yaml, 2)).toBeDefined();
    same(yaml);
  });

  it('agrees with yaml on many variants, simple or not', () => {
    const values = [
      'zeta',
      'Book Room',
      "'quoted'",
      '"double"',
      '"esc\\"aped"',
      "'it''s'",
      '1',
      '1.5',
      '0x1f',
      'true',
      'False',
      'null',
      '~',
      '',
      '-x',
      'a: b',
      'a #c',
      'a#b',
      'x:',
      '[a, b]',
      '{a: 1}',
      '&anchor v',
      '*alias',
      '!tag v',
      '|',
      '>',
      '2026-11-20',
      '12:30',
      'http://x.y/z',
      '.inf',
      "O'Brien",
      'a,b',
      '@at',
      '`tick`',
      'trailing ',
      '1e3',
      '+1',
      '.5',
      'sha256:ab',
    ];
    const keys = ['module', 'useCase', 'status', 'true', 'null', '1a', 'a-b', 'a b', 'x_y'];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    // Mostly what approvals hold, so that many lists are simple; sometimes anything.
    const itemKey = () => (random() < 0.8 ? pick(['by', 'email', 'at', 'digest']) : pick(keys));
    const itemValue = () =>
      random() < 0.8
        ? pick(['A. Reviewer', 'a@example.com', '2026-11-20T10:00:00.000Z', 'sha256:ab', "'q'"])
        : pick(values);
    let simple = 0;
    let lists = 0;
    for (let i = 0; i < 4000; i++) {
      const lines: string[] = [];
      for (let n = 1 + Math.floor(random() * 5); n > 0; n--) {
        const kind = random();
        if (kind < 0.6) lines.push(`${pick(keys)}:${pick([' ', '  ', ''])}${pick(values)}`);
        else if (kind < 0.85) {
          lines.push(`${pick(keys)}:`);
          for (let m = Math.floor(random() * 3); m > 0; m--)
            lines.push(`${pick(['  ', '   ', ' ', '\t'])}${pick(keys)}: ${pick(values)}`);
        } else if (kind < 0.95) {
          // A list of mappings, as approvals are written, or nearly.
          lines.push(`${pick(keys)}:`);
          for (let m = 1 + Math.floor(random() * 2); m > 0; m--) {
            lines.push(
              `${pick(['  - ', '  - ', '  - ', '  -', ' - ', '- ', '    - '])}${itemKey()}: ${itemValue()}`,
            );
            for (let k = Math.floor(random() * 3); k > 0; k--)
              lines.push(
                `${pick(['    ', '    ', '    ', '   ', '     ', '  '])}${itemKey()}:${pick([' ', ' ', ' ', ''])}${itemValue()}`,
              );
          }
        } else lines.push(pick(['', '# comment', '- item', '  - item', 'key', ' key: v']));
      }
      const yaml = `${lines.join('\n')}\n`;
      const read = simpleFrontMatter(yaml, 2);
      if (read) simple++;
      if (read && Object.values(read.data ?? {}).some(Array.isArray)) lists++;
      same(yaml);
    }
    expect(simple).toBeGreaterThan(30);
    expect(lists).toBeGreaterThan(3);

    // Approval lists alone, with one line changed: most are simple, every one agrees.
    let simpleLists = 0;
    for (let i = 0; i < 2000; i++) {
      const lines = ['module: zeta', 'approvals:'];
      for (let m = 1 + Math.floor(random() * 3); m > 0; m--) {
        lines.push(`  - ${itemKey()}: ${itemValue()}`);
        for (let k = Math.floor(random() * 4); k > 0; k--)
          lines.push(`    ${itemKey()}: ${itemValue()}`);
      }
      if (random() < 0.5) lines.push(`${pick(keys)}: ${pick(values)}`);
      const at = 1 + Math.floor(random() * (lines.length - 1));
      const mutation = random();
      if (mutation < 0.2) lines[at] = ` ${lines[at]}`;
      else if (mutation < 0.35) lines[at] = lines[at].replace(/^ {2}/, '');
      else if (mutation < 0.45) lines.splice(at, 0, lines[at]);
      else if (mutation < 0.55) lines.splice(at, 1);
      else if (mutation < 0.6) lines[at] = lines[at].replace('- ', '-  ');
      else if (mutation < 0.65) lines[at] = `${lines[at]} # note`;
      const yaml = `${lines.join('\n')}\n`;
      if (simpleFrontMatter(yaml, 2)) simpleLists++;
      same(yaml);
    }
    expect(simpleLists).toBeGreaterThan(100);
  });
});
