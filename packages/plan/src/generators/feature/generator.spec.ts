import { addProjectConfiguration, readJson, readProjectConfiguration, Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsTree } from 'nx/src/generators/tree';
import * as prettier from 'prettier';
import * as ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import {
  ARTIFACT_COLUMNS,
  Checklist,
  FEATURE_CHECKLIST,
  IMPLEMENTATION_CHECKLIST,
  INFRASTRUCTURE_TOPICS,
  PLACEHOLDER,
  SECTIONS,
  SectionId,
  THREAT_TABLE_COLUMNS,
} from '../../plan/catalog';
import { moduleCodeFromFiles } from '../../plan/module-code';
import { verifyPlan } from '../../plan/verify';
import { featureGenerator } from './generator';
import { useCaseArtifacts } from './lib/artifacts';
import { normalizeOptions } from './lib/normalize-options';
import { MAX_PATH_LENGTH } from './lib/path-limits';
import { writtenPaths } from './lib/written-paths';
import type { FeatureGeneratorSchema } from './schema';

// Nx's jest set-up, which the module project's creation composes, reads the project graph to
// register its plugin; a unit test has no workspace on disk to compute one from.
jest.mock('@nx/devkit', () => ({
  ...jest.requireActual('@nx/devkit'),
  createProjectGraphAsync: jest.fn(async () => ({ nodes: {}, dependencies: {} })),
}));

// Creating a module project runs Nx's library and jest generators: seconds, not milliseconds.
jest.setTimeout(60_000);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Every file of the tree with its text: the workspace as the next generator run would see it. */
function filesOf(tree: Tree): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const child of tree.children(dir)) {
      const path = dir ? `${dir}/${child}` : child;
      if (tree.isFile(path)) files.set(path, tree.read(path, 'utf-8') ?? '');
      else walk(path);
    }
  };
  walk('');
  return files;
}

/** The paths created, changed or deleted since `before`, sorted. */
function changedSince(before: Map<string, string>, tree: Tree): string[] {
  const after = filesOf(tree);
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}

/**
 * Runs the generator on a new empty workspace and answers what it wrote. The empty workspace's
 * own files (nx.json, package.json, ...) are "changes" of the virtual tree too, so what the
 * generator wrote is measured against a snapshot taken before it ran.
 */
async function generate(schema: FeatureGeneratorSchema, tree = createTreeWithEmptyWorkspace()) {
  const before = filesOf(tree);
  // The callback (npm install of added packages) is never run here.
  const callback = await featureGenerator(tree, schema);
  return { tree, written: changedSince(before, tree), callback };
}

/**
 * An empty workspace as `create-nx-workspace --preset=ts` makes it: npm workspaces, a solution
 * tsconfig.json with references, nodenext and customConditions in tsconfig.base.json, the
 * TypeScript plugin, prettier with single quotes.
 */
function tsSolutionWorkspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.delete('.oxfmtrc.json');
  tree.write('.prettierrc', JSON.stringify({ singleQuote: true }));
  tree.write(
    'package.json',
    JSON.stringify({
      name: '@tsw/source',
      private: true,
      workspaces: ['packages/*'],
      devDependencies: {
        nx: '23.2.1',
        '@nx/js': '23.2.1',
        typescript: '~6.0.3',
        prettier: '~3.6.2',
      },
    }),
  );
  tree.write(
    'tsconfig.base.json',
    JSON.stringify({
      compilerOptions: {
        composite: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        target: 'es2022',
        lib: ['es2022'],
        customConditions: ['@tsw/source'],
      },
    }),
  );
  tree.write(
    'tsconfig.json',
    JSON.stringify({
      extends: './tsconfig.base.json',
      compileOnSave: false,
      files: [],
      references: [],
    }),
  );
  tree.write(
    'nx.json',
    JSON.stringify({
      plugins: [
        { plugin: '@nx/js/typescript', options: { typecheck: { targetName: 'typecheck' } } },
      ],
    }),
  );
  return tree;
}

let scheduleMeetingFiles: Promise<Map<string, string>> | undefined;

/** A new workspace in which ScheduleMeeting was generated: generated once, then copied. */
async function workspaceWithScheduleMeeting(): Promise<Tree> {
  scheduleMeetingFiles ??= generate(SCHEDULE_MEETING).then(({ tree }) => filesOf(tree));
  const tree = createTreeWithEmptyWorkspace();
  for (const [path, content] of await scheduleMeetingFiles) tree.write(path, content);
  return tree;
}

function read(tree: Tree, path: string): string {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`${path} was not written`);
  return text;
}

/** Whitespace-insensitive, so that a declaration prettier wrapped still matches. */
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The markdown outside fenced code blocks. */
const withoutCode = (markdown: string) => markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');

/** The text of a `## title` section, up to the next `## ` heading (code blocks removed). */
function section(plan: string, id: string): string {
  const title = SECTIONS.find((spec) => spec.id === id)!.title;
  const lines = withoutCode(plan).split('\n');
  const start = lines.indexOf(`## ${title}`);
  if (start < 0) throw new Error(`The plan has no "## ${title}"`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line.startsWith('## '));
  return rest.slice(0, end < 0 ? undefined : end).join('\n');
}

/** The rows of the first markdown table in `text`, without its header and separator. */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    )
    .slice(2);
}

/** The plan's unit-test subsections: spec file → [subject, code]. */
function specsInPlan(plan: string): Map<string, { subject: string; code: string }> {
  const specs = new Map<string, { subject: string; code: string }>();
  const pattern = /^### `([^`]+)`\n\nTests\s+`([^`]+)`\.\n\n```ts\n([\s\S]*?)\n```$/gm;
  for (const [, file, subject, code] of plan.matchAll(pattern)) specs.set(file, { subject, code });
  return specs;
}

const checklistItems = (checklist: Checklist) => checklist.groups.flatMap((group) => group.items);

/**
 * Verifies a plan of the tree against its module's code as the tree has it (what the approve
 * generator does), and answers the module code and the `trace/spec-drift` findings.
 */
function specDrift(tree: Tree, planFile: string) {
  const sources = new Map<string, string>();
  for (const [path, content] of filesOf(tree)) {
    if (path.startsWith(`${PROJECT}/`)) sources.set(path.slice(PROJECT.length + 1), content);
  }
  const moduleCode = moduleCodeFromFiles(PROJECT, sources);
  const findings = verifyPlan({ file: planFile, text: read(tree, planFile), moduleCode });
  return { moduleCode, drift: findings.filter((finding) => finding.ruleId === 'trace/spec-drift') };
}

/**
 * Over 80 columns as markdownlint's MD013 counts them by default (not strict): the last word of a
 * line may run over if it starts within the limit, since it cannot be wrapped (a long path).
 */
const tooLong = (line: string) => line.replace(/\S*$/u, '#').length > 80;

/** The members of a class in a source file, in order. */
function classMembers(source: string, className: string): string[] {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true);
  const declaration = file.statements.find(
    (statement): statement is ts.ClassDeclaration =>
      ts.isClassDeclaration(statement) && statement.name?.text === className,
  );
  if (!declaration) throw new Error(`no class ${className}`);
  return declaration.members.map((member) =>
    ts.isConstructorDeclaration(member) ? 'constructor' : (member.name?.getText(file) ?? '?'),
  );
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const PROJECT = 'packages/meetings';
const DOMAIN = `${PROJECT}/src/domain/meeting`;
const APPLICATION = `${PROJECT}/src/application/schedule-meeting`;
const PLAN = 'docs/features/meetings/ScheduleMeeting/ScheduleMeeting-plan.md';
const SCHEDULE_MEETING: FeatureGeneratorSchema = { module: 'meetings', useCase: 'ScheduleMeeting' };

/** The code files of ScheduleMeeting, relative to the project root, in the plan's order. */
const SCHEDULE_MEETING_CODE = [
  'src/domain/meeting/meeting.aggregate.ts',
  'src/domain/meeting/meeting-id.value-object.ts',
  'src/domain/meeting/meeting-scheduled.event.ts',
  'src/domain/meeting/meeting.repository.port.ts',
  'src/application/schedule-meeting/schedule-meeting.command.ts',
  'src/application/schedule-meeting/schedule-meeting.handler.ts',
  'src/application/schedule-meeting/on-meeting-scheduled.listener.ts',
  'src/application/schedule-meeting/schedule-meeting-follow-up.scheduled-command.ts',
];
const specOf = (file: string) => file.replace(/\.ts$/, '.spec.ts');
/** What @nx/js:library and @nx/jest:configuration make of the module project here. */
const MODULE_FILES = [
  'README.md',
  'jest.config.cjs',
  'package.json',
  'project.json',
  'src/index.ts',
  'tsconfig.json',
  'tsconfig.lib.json',
  'tsconfig.spec.json',
];
/**
 * The first use-case of an empty workspace registers the plugin, and Nx's generators set jest up
 * (its preset and root config), map the module's import path and add their packages.
 */
const WORKSPACE_FILES = [
  'jest.config.ts',
  'jest.preset.js',
  'nx.json',
  'package.json',
  'tsconfig.base.json',
];

/** The seed's checklist items, copied verbatim from seed/feature-plan.prompt.md. */
const SEED_CHECKLIST = readFileSync(
  join(__dirname, '../../plan/__fixtures__/seed-checklist.txt'),
  'utf-8',
)
  .split('\n')
  .filter((line) => line.length > 0);

// ---------------------------------------------------------------------------------------------

describe('feature generator', () => {
  describe('--module=meetings --useCase=ScheduleMeeting', () => {
    let tree: Tree;
    let written: string[];
    let plan: string;
    let callback: unknown;

    beforeAll(async () => {
      ({ tree, written, callback } = await generate(SCHEDULE_MEETING));
      plan = read(tree, PLAN);
    });

    it('writes exactly the module project, the skeletons with their specs, and the plan', () => {
      expect(written).toEqual(
        [
          PLAN,
          ...WORKSPACE_FILES,
          ...MODULE_FILES.map((file) => `${PROJECT}/${file}`),
          ...SCHEDULE_MEETING_CODE.flatMap((file) => [
            `${PROJECT}/${file}`,
            `${PROJECT}/${specOf(file)}`,
          ]),
        ].sort(),
      );
    });

    it('checks the lengths of every path it writes, besides the workspace files', () => {
      const options = normalizeOptions(createTreeWithEmptyWorkspace(), SCHEDULE_MEETING);

      expect(writtenPaths(options, useCaseArtifacts(options))).toEqual(
        expect.arrayContaining(written.filter((path) => !WORKSPACE_FILES.includes(path))),
      );
    });

    it('registers the plugin and its gate in nx.json, keeping what was there', () => {
      const nxJson = readJson(tree, 'nx.json');

      expect(nxJson.plugins).toEqual([
        { plugin: '@nx/jest/plugin', options: { targetName: 'test' } },
        '@mjomeet/plan/plugin',
      ]);
      expect(nxJson.affected).toEqual({ defaultBase: 'main' });
      for (const target of ['build', 'typecheck', 'lint']) {
        expect(nxJson.targetDefaults[target].dependsOn).toEqual(['verify-plan']);
      }
      // test's gate comes first; the entry for @nx/jest/plugin's targets adds the report only.
      expect(nxJson.targetDefaults.test[0].dependsOn).toEqual(['verify-plan']);
      expect(nxJson.targetDefaults.test[1].dependsOn).toBeUndefined();
      expect(nxJson.targetDefaults.build.cache).toBe(true);
    });

    it('adds to package.json what the generated module needs, and asks to install it', () => {
      const { dependencies, devDependencies } = readJson(tree, 'package.json');

      expect(Object.keys(dependencies)).toEqual(['@mjomeet/ddd']);
      // What Nx's library and jest generators add for the project they make.
      expect(Object.keys(devDependencies)).toEqual(
        expect.arrayContaining(['@nx/js', '@nx/jest', 'jest', '@types/jest', 'typescript']),
      );
      // No formatter is set up: the workspace's own (prettier here) formats the files.
      expect(devDependencies.oxfmt).toBeUndefined();
      expect(typeof callback).toBe('function');
    });

    it("maps the module's import path in tsconfig.base.json, as nx g @nx/js:library does", () => {
      expect(readJson(tree, 'tsconfig.base.json').compilerOptions.paths).toEqual({
        '@proj/meetings': ['./packages/meetings/src/index.ts'],
      });
    });

    it('makes the module project with @nx/js:library: a project.json here, a build, tagged', () => {
      const project = readProjectConfiguration(tree, 'meetings');

      expect(project).toMatchObject({
        name: 'meetings',
        root: PROJECT,
        sourceRoot: `${PROJECT}/src`,
        projectType: 'library',
        tags: ['type:module', 'plan:required'],
      });
      expect(tree.exists(`${PROJECT}/project.json`)).toBe(true);
      expect(project.targets?.build?.executor).toBe('@nx/js:tsc');
      // Nx's sample code made way for the module's.
      expect(tree.exists(`${PROJECT}/src/lib`)).toBe(false);
    });

    it("makes the module's jest run write the report verify-evidence reads, cached as an output", () => {
      const defaults = readJson(tree, 'nx.json').targetDefaults.test;
      const entries = Array.isArray(defaults) ? defaults : [defaults];

      // The test target is @nx/jest/plugin's: its targets get the arguments and the output.
      expect(entries).toContainEqual({
        filter: { plugin: '@nx/jest/plugin' },
        options: { args: ['--json', '--outputFile=jest-results.json'] },
        outputs: ['...', '{projectRoot}/jest-results.json'],
      });
    });

    it('configures the module strict, extending the workspace tsconfig, as Nx does', () => {
      const tsconfig = readJson(tree, `${PROJECT}/tsconfig.json`);

      expect(tsconfig.extends).toBe('../../tsconfig.base.json');
      expect(tsconfig.compilerOptions).toMatchObject({ strict: true });
      expect(tsconfig.references).toEqual([
        { path: './tsconfig.lib.json' },
        { path: './tsconfig.spec.json' },
      ]);
      expect(readJson(tree, `${PROJECT}/tsconfig.lib.json`).include).toEqual(['src/**/*.ts']);
    });

    it('configures jest with @nx/jest, in a jest.config.cjs that loads without TypeScript, and its plugin infers test', () => {
      const config = read(tree, `${PROJECT}/jest.config.cjs`);

      expect(config).toContain(`displayName: "meetings"`);
      expect(config).toContain('preset: "../../jest.preset.js"');
      expect(config).toContain('coverage/packages/meetings');
      expect(config).not.toMatch(/^\s*(import|export)\s/m);
      expect(tree.exists(`${PROJECT}/jest.config.cts`)).toBe(false);
      expect(tree.exists(`${PROJECT}/jest.config.ts`)).toBe(false);
    });

    it('explains the workflow in the module README', () => {
      const readme = read(tree, `${PROJECT}/README.md`);

      expect(readme.startsWith('# meetings\n')).toBe(true);
      expect(squash(readme)).toContain('`nx test meetings` runs only once');
      expect(readme).toContain('`docs/features/meetings/`');
      expect(squash(readme)).toContain(
        'nx g @mjomeet/plan:feature --module=meetings --useCase=<Name>',
      );
    });

    it('exports every skeleton from the module barrel, and no spec', () => {
      const exports = read(tree, `${PROJECT}/src/index.ts`).trimEnd().split('\n');

      expect(exports).toEqual(
        SCHEDULE_MEETING_CODE.map((file) => `export * from "./${file.slice(4, -3)}";`),
      );
    });

    describe('the skeletons', () => {
      it.each([
        ['meeting.aggregate.ts', 'export class Meeting extends AggregateRoot<MeetingId> {'],
        ['meeting-id.value-object.ts', 'export class MeetingId extends Identifier {'],
        [
          'meeting-scheduled.event.ts',
          'export class MeetingScheduled extends DomainEvent<MeetingScheduledPayload> {',
        ],
        ['meeting-scheduled.event.ts', 'static readonly EVENT_NAME = "meetings.MeetingScheduled";'],
        [
          'meeting.repository.port.ts',
          'export interface MeetingRepositoryPort extends RepositoryPort<Meeting, MeetingId> {}',
        ],
      ])('%s declares %s', (file, declaration) => {
        expect(squash(read(tree, `${DOMAIN}/${file}`))).toContain(declaration);
      });

      it.each([
        [
          'schedule-meeting.command.ts',
          'export class ScheduleMeetingCommand extends Command<ScheduleMeetingPayload> {',
        ],
        [
          'schedule-meeting.command.ts',
          'static readonly COMMAND_NAME = "meetings.ScheduleMeeting";',
        ],
        [
          'schedule-meeting.handler.ts',
          'export class ScheduleMeetingHandler implements CommandHandler<ScheduleMeetingCommand> {',
        ],
        [
          'on-meeting-scheduled.listener.ts',
          'export class OnMeetingScheduledListener implements DomainEventListener<MeetingScheduled> {',
        ],
        ['on-meeting-scheduled.listener.ts', 'readonly listensTo = MeetingScheduled.EVENT_NAME;'],
        [
          'schedule-meeting-follow-up.scheduled-command.ts',
          'export class ScheduleMeetingFollowUpScheduledCommand extends ScheduledCommand<ScheduleMeetingFollowUpPayload> {',
        ],
        [
          'schedule-meeting-follow-up.scheduled-command.ts',
          'static readonly TYPE = "meetings.ScheduleMeetingFollowUp";',
        ],
      ])('%s declares %s', (file, declaration) => {
        expect(squash(read(tree, `${APPLICATION}/${file}`))).toContain(declaration);
      });

      it('gives the aggregate the use-case as a method that records its event', () => {
        const aggregate = read(tree, `${DOMAIN}/meeting.aggregate.ts`);

        expect(classMembers(aggregate, 'Meeting')).toEqual([
          'constructor',
          'create',
          'reconstitute',
          'scheduleMeeting',
        ]);
        expect(squash(aggregate)).toContain('scheduleMeeting(): Result<void, DomainError> {');
        expect(squash(aggregate)).toContain('this.record( new MeetingScheduled({');
      });

      it('wires the handler to the repository port and the aggregate method', () => {
        const handler = squash(read(tree, `${APPLICATION}/schedule-meeting.handler.ts`));

        expect(handler).toContain('private readonly meetingRepository: MeetingRepositoryPort');
        expect(handler).toContain('const outcome = meeting.scheduleMeeting();');
        expect(handler).toContain('return err(new NotFoundError("Meeting"));');
      });

      it('has the listener schedule the follow-up command', () => {
        const listener = squash(read(tree, `${APPLICATION}/on-meeting-scheduled.listener.ts`));

        expect(listener).toContain(
          'import { ScheduleMeetingFollowUpScheduledCommand } from "./schedule-meeting-follow-up.scheduled-command";',
        );
        expect(listener).toContain(
          'ScheduleMeetingFollowUpScheduledCommand.create(id.value, runAt)',
        );
      });

      it.each(SCHEDULE_MEETING_CODE)('puts a spec beside %s that imports it', (file) => {
        const base = file.split('/').pop()!.replace(/\.ts$/, '');

        expect(read(tree, `${PROJECT}/${specOf(file)}`)).toContain(`from "./${base}";`);
      });
    });

    describe('the plan', () => {
      it('starts with front matter: module, use-case, status draft', () => {
        const match = /^---\n([\s\S]*?)\n---\n/.exec(plan);

        expect(match).not.toBeNull();
        expect(parseYaml(match![1])).toEqual({
          module: 'meetings',
          useCase: 'ScheduleMeeting',
          status: 'draft',
        });
      });

      it('is titled after the use-case', () => {
        expect(plan).toContain('\n# ScheduleMeeting plan\n');
      });

      it('has every section of the catalog as "## Title", in catalog order, and no other', () => {
        const headings = withoutCode(plan)
          .split('\n')
          .filter((line) => line.startsWith('## '));

        expect(headings).toEqual(SECTIONS.map((spec) => `## ${spec.title}`));
      });

      it.each(
        SECTIONS.filter(
          (spec) =>
            !['implementation-checklist', 'feature-checklist', 'approval'].includes(spec.id),
        ).map((spec) => [spec.title, spec.id] as const),
      )('leaves a %s placeholder to fill in', (_title, id) => {
        expect(section(plan, id)).toContain(`${PLACEHOLDER}`);
      });

      it.each([
        [
          'requirements',
          '<!-- Who needs this use-case, what it must do, and what is out of scope. --> TODO(plan)',
        ],
        [
          'threat-model',
          '<!-- One row per threat, each with the asset at risk, its mitigation, and the test that proves it. --> TODO(plan)',
        ],
        [
          'implementation-steps',
          '<!-- The ordered steps to implement this plan, each small enough to review. --> 1. TODO(plan)',
        ],
      ] as const)(
        'the %s section gives its guidance in a comment, then a placeholder',
        (id, text) => {
          expect(squash(section(plan, id))).toContain(text);
        },
      );

      it('has a threat-model table with a placeholder row', () => {
        const threats = section(plan, 'threat-model');

        expect(threats).toMatch(
          new RegExp(`^\\| ${THREAT_TABLE_COLUMNS.join(' +\\| ')} +\\|$`, 'm'),
        );
        expect(THREAT_TABLE_COLUMNS).toEqual(['Threat', 'Asset', 'Mitigation', 'Evidence']);
        expect(tableRows(threats)).toEqual([[PLACEHOLDER, PLACEHOLDER, PLACEHOLDER, PLACEHOLDER]]);
      });

      it('lists every component with its file', () => {
        const components = squash(section(plan, 'components'));

        expect(components).toContain(
          '- Aggregate `Meeting` in `src/domain/meeting/meeting.aggregate.ts`',
        );
        expect(components).toContain(
          '- Value object `MeetingId` in `src/domain/meeting/meeting-id.value-object.ts`',
        );
        expect(components).toContain(
          '- Domain event `MeetingScheduled` in `src/domain/meeting/meeting-scheduled.event.ts`',
        );
        expect(components).toContain(
          '- Repository port `MeetingRepositoryPort` in `src/domain/meeting/meeting.repository.port.ts`',
        );
        expect(components).toContain(
          '- Command `ScheduleMeetingCommand` in `src/application/schedule-meeting/schedule-meeting.command.ts`',
        );
        expect(components).toContain(
          '- Handler `ScheduleMeetingHandler` in `src/application/schedule-meeting/schedule-meeting.handler.ts`',
        );
        expect(components).toContain(
          '- Listener `OnMeetingScheduledListener` in `src/application/schedule-meeting/on-meeting-scheduled.listener.ts`',
        );
        expect(components).toContain(
          '- Scheduled command `ScheduleMeetingFollowUpScheduledCommand` in `src/application/schedule-meeting/schedule-meeting-follow-up.scheduled-command.ts`',
        );
      });

      it('has a domain-model table with a row per domain artifact', () => {
        const domain = section(plan, 'domain-model');

        expect(domain).toMatch(new RegExp(`^\\| ${ARTIFACT_COLUMNS.join(' +\\| ')} +\\|$`, 'm'));
        expect(tableRows(domain)).toEqual([
          ['Aggregate', '`Meeting`', PLACEHOLDER],
          ['Value object', '`MeetingId`', PLACEHOLDER],
          ['Domain event', '`MeetingScheduled`', PLACEHOLDER],
          ['Repository port', '`MeetingRepositoryPort`', PLACEHOLDER],
        ]);
      });

      it('has an application-layer table with a row per application artifact', () => {
        expect(tableRows(section(plan, 'application-layer'))).toEqual([
          ['Command', '`ScheduleMeetingCommand`', PLACEHOLDER],
          ['Handler', '`ScheduleMeetingHandler`', PLACEHOLDER],
          ['Listener', '`OnMeetingScheduledListener`', PLACEHOLDER],
          ['Scheduled command', '`ScheduleMeetingFollowUpScheduledCommand`', PLACEHOLDER],
        ]);
      });

      it('has an infrastructure sub-section per topic, each with a placeholder', () => {
        const infrastructure = section(plan, 'infrastructure');
        const topics = infrastructure.split('\n').filter((line) => line.startsWith('### '));

        expect(topics).toEqual(INFRASTRUCTURE_TOPICS.map((topic) => `### ${topic}`));
        for (const topic of INFRASTRUCTURE_TOPICS) {
          expect(infrastructure).toContain(
            `### ${topic}\n\n<!-- ${topic} of this use-case. -->\n\n${PLACEHOLDER}\n`,
          );
        }
      });

      it('names every generated spec file with its code and the file it tests', () => {
        const specs = specsInPlan(plan);

        expect([...specs.keys()]).toEqual(SCHEDULE_MEETING_CODE.map(specOf));
        for (const file of SCHEDULE_MEETING_CODE) {
          expect(specs.get(specOf(file))).toEqual({
            subject: file,
            code: read(tree, `${PROJECT}/${specOf(file)}`).trim(),
          });
        }
      });

      it("shows each spec's code as the spec file has it: no trace/spec-drift", () => {
        const { moduleCode, drift } = specDrift(tree, PLAN);

        expect([...moduleCode.specSources.keys()].sort()).toEqual(
          SCHEDULE_MEETING_CODE.map(specOf).sort(),
        );
        expect(drift).toEqual([]);
      });

      const CHECKLISTS = [
        [IMPLEMENTATION_CHECKLIST.section, IMPLEMENTATION_CHECKLIST],
        [FEATURE_CHECKLIST.section, FEATURE_CHECKLIST],
      ] as const;

      it.each(CHECKLISTS)(
        'has every item of the %s as "- [ ] item", in order',
        (_id, checklist) => {
          const lines = section(plan, checklist.section).split('\n');

          expect(lines.filter((line) => line.startsWith('- ['))).toEqual(
            checklistItems(checklist).map((item) => `- [ ] ${item}`),
          );
        },
      );

      it.each(CHECKLISTS)(
        'has a "### " heading per group of the %s, in order',
        (_id, checklist) => {
          const headings = section(plan, checklist.section)
            .split('\n')
            .filter((line) => line.startsWith('### '));

          expect(headings.map((heading) => heading.replace(/&amp;/g, '&'))).toEqual(
            checklist.groups.map((group) => `### ${group.title}`),
          );
        },
      );

      it('has the catalog text word for word, without HTML entities', () => {
        expect(plan.match(/&(?:amp|lt|gt|quot|#\d+);/g)).toBeNull();
        for (const [, checklist] of CHECKLISTS) {
          for (const group of checklist.groups) expect(plan).toContain(`\n### ${group.title}\n`);
        }
      });

      it('states the checklist guidance in a comment', () => {
        expect(squash(section(plan, 'implementation-checklist'))).toMatch(
          /^<!-- Tick an item when it is done; mark one that does not apply "N\/A: reason"\. -->/,
        );
      });

      it('has every line of the seed checklist as "- [ ] line", in the seed order', () => {
        const lines = plan.split('\n');
        // Some items are in both checklists: each is looked for after the one before it.
        let from = 0;
        const missing = SEED_CHECKLIST.filter((item) => {
          const at = lines.indexOf(`- [ ] ${item}`, from);
          if (at >= 0) from = at + 1;
          return at < 0;
        });

        expect(missing).toEqual([]);
      });

      it('shows the reviewer how to approve it', () => {
        expect(plan).toContain(
          '```sh\nnx g @mjomeet/plan:approve --module=meetings \\\n  --useCase=ScheduleMeeting\n```',
        );
      });
    });

    describe('formatting', () => {
      // The generator formats with prettier itself (devkit's formatFiles is not used, and would
      // pick oxfmt in this workspace). The virtual workspace has no prettier config on disk, so
      // prettier's defaults apply.
      const tsFiles = () => written.filter((file) => file.endsWith('.ts'));

      it('writes every .ts file exactly as prettier formats it', async () => {
        // The code, its specs and the barrel, and the root jest.config.ts of Nx's jest set-up.
        expect(tsFiles()).toHaveLength(2 * SCHEDULE_MEETING_CODE.length + 2);
        for (const file of tsFiles()) {
          const source = read(tree, file);
          expect({ file, source: await prettier.format(source, { filepath: file }) }).toEqual({
            file,
            source,
          });
        }
      });

      it('writes the other module files as prettier formats them', async () => {
        for (const file of ['jest.config.cjs', 'project.json', 'tsconfig.json'].map(
          (f) => `${PROJECT}/${f}`,
        )) {
          const source = read(tree, file);
          expect({ file, source: await prettier.format(source, { filepath: file }) }).toEqual({
            file,
            source,
          });
        }
      });

      it('writes the plan as prettier formats markdown wrapped at 80 columns', async () => {
        expect(
          await prettier.format(plan, { filepath: PLAN, proseWrap: 'always', printWidth: 80 }),
        ).toBe(plan);
      });

      it('wraps the prose of the plan at 80 columns', () => {
        const prose = withoutCode(plan)
          .split('\n')
          .filter((line) => !line.startsWith('|'));

        // Only a last word that cannot be broken (a long file path in backticks) may run over.
        expect(prose.filter(tooLong)).toEqual([]);
      });

      it('has no line over 80 characters (as markdownlint MD013 counts them)', () => {
        expect(plan.split('\n').filter(tooLong)).toEqual([]);
      });
    });
  });

  describe('names', () => {
    it.each(['schedule-meeting', 'schedule_meeting', 'scheduleMeeting', 'SCHEDULE_MEETING'])(
      '--useCase=%s writes the same as ScheduleMeeting',
      async (useCase) => {
        const expected = filesOf(await workspaceWithScheduleMeeting());

        expect(filesOf((await generate({ module: 'meetings', useCase })).tree)).toEqual(expected);
      },
    );

    it('takes the aggregate of a one-word use-case from the module, in the singular', async () => {
      const { tree, written } = await generate({ module: 'rooms', useCase: 'Book' });

      expect(written).toContain('packages/rooms/src/domain/room/room.aggregate.ts');
      expect(written).toContain('packages/rooms/src/domain/room/room-booked.event.ts');
      expect(written).toContain('packages/rooms/src/application/book/on-room-booked.listener.ts');
      expect(squash(read(tree, 'packages/rooms/src/domain/room/room.aggregate.ts'))).toContain(
        'export class Room extends AggregateRoot<RoomId> { ',
      );
      expect(tree.exists('docs/features/rooms/Book/Book-plan.md')).toBe(true);
    });

    it('names the project and its folder in kebab case', async () => {
      const { tree } = await generate({ module: 'MeetingRooms', useCase: 'BookRoom' });

      expect(readProjectConfiguration(tree, 'meeting-rooms').root).toBe('packages/meeting-rooms');
      expect(tree.exists('docs/features/meeting-rooms/BookRoom/BookRoom-plan.md')).toBe(true);
      expect(read(tree, 'packages/meeting-rooms/src/domain/room/room-booked.event.ts')).toContain(
        'EVENT_NAME = "meeting-rooms.RoomBooked"',
      );
    });
  });

  describe('options', () => {
    it('--aggregate names the aggregate, its id, folder, event, port and listener', async () => {
      const { tree, written } = await generate({ ...SCHEDULE_MEETING, aggregate: 'Appointment' });
      const domain = `${PROJECT}/src/domain/appointment`;

      expect(written.filter((file) => file.includes('/src/domain/'))).toEqual(
        [
          'appointment.aggregate',
          'appointment-id.value-object',
          'appointment-scheduled.event',
          'appointment.repository.port',
        ]
          .flatMap((base) => [`${domain}/${base}.ts`, `${domain}/${base}.spec.ts`])
          .sort(),
      );
      expect(written).toContain(`${APPLICATION}/on-appointment-scheduled.listener.ts`);
      expect(squash(read(tree, `${domain}/appointment.aggregate.ts`))).toContain(
        'export class Appointment extends AggregateRoot<AppointmentId> {',
      );
      expect(squash(read(tree, `${APPLICATION}/schedule-meeting.handler.ts`))).toContain(
        'private readonly appointmentRepository: AppointmentRepositoryPort',
      );
      expect(written.some((file) => file.includes('/meeting.aggregate'))).toBe(false);
    });

    describe('--valueObjects', () => {
      const withValueObjects = (valueObjects: string[] | string) =>
        generate({ ...SCHEDULE_MEETING, valueObjects });

      it('as an array and as a comma string write the same', async () => {
        const fromArray = filesOf((await withValueObjects(['MeetingTitle', 'Duration'])).tree);

        expect(filesOf((await withValueObjects('MeetingTitle,Duration')).tree)).toEqual(fromArray);
        expect(
          filesOf((await withValueObjects(' meeting-title , Duration,MeetingTitle')).tree),
        ).toEqual(fromArray);
      });

      it('writes a value object and its spec for each', async () => {
        const { tree, written } = await withValueObjects('MeetingTitle,Duration');
        const without = filesOf(await workspaceWithScheduleMeeting());

        expect(written.filter((file) => !without.has(file))).toEqual(
          [
            'meeting-title.value-object.ts',
            'meeting-title.value-object.spec.ts',
            'duration.value-object.ts',
            'duration.value-object.spec.ts',
          ]
            .map((file) => `${DOMAIN}/${file}`)
            .sort(),
        );
        expect(squash(read(tree, `${DOMAIN}/meeting-title.value-object.ts`))).toContain(
          'export class MeetingTitle extends ValueObject<{ value: string }> {',
        );
        expect(read(tree, `${DOMAIN}/duration.value-object.ts`)).toContain(
          'Guard.againstEmpty("duration", trimmed)',
        );
      });

      it('carries them in the command and the aggregate method, not in the event', async () => {
        const { tree } = await withValueObjects('MeetingTitle,Duration');
        const command = squash(read(tree, `${APPLICATION}/schedule-meeting.command.ts`));
        const aggregate = squash(read(tree, `${DOMAIN}/meeting.aggregate.ts`));
        const event = squash(read(tree, `${DOMAIN}/meeting-scheduled.event.ts`));

        expect(command).toContain(
          'export interface ScheduleMeetingInput { readonly meetingId: string; readonly meetingTitle: string; readonly duration: string; }',
        );
        expect(command).toContain('meetingTitle: MeetingTitle.create(input.meetingTitle),');
        expect(command).toContain('duration: Duration.create(input.duration),');
        expect(aggregate).toContain(
          'scheduleMeeting(details: { readonly meetingTitle: MeetingTitle; readonly duration: Duration; }): Result<void, DomainError> {',
        );
        expect(aggregate).toContain('import { MeetingTitle } from "./meeting-title.value-object";');
        // Events leave the aggregate: value objects (which may be personal data) stay out.
        expect(event).toContain('export type MeetingScheduledPayload = Record<string, never>;');
        expect(event).not.toContain('meetingTitle');
      });

      it('has the aggregate spec call the method with valid value objects', async () => {
        const { tree } = await withValueObjects('MeetingTitle,Duration');

        expect(squash(read(tree, `${DOMAIN}/meeting.aggregate.spec.ts`))).toContain(
          'meeting.scheduleMeeting({ meetingTitle: unwrap(MeetingTitle.create("Valid meeting title")), duration: unwrap(Duration.create("Valid duration")), });',
        );
      });

      it('has the aggregate spec import unwrap, which it calls', async () => {
        const { tree } = await withValueObjects('MeetingTitle,Duration');

        expect(read(tree, `${DOMAIN}/meeting.aggregate.spec.ts`)).toMatch(
          /^import \{[^}]*\bunwrap\b[^}]*\} from "@mjomeet\/ddd";$/m,
        );
      });

      it('lists them in the plan', async () => {
        const { tree } = await withValueObjects(['MeetingTitle', 'Duration']);
        const plan = read(tree, PLAN);

        expect(tableRows(section(plan, 'domain-model')).map((row) => row[1])).toEqual([
          '`Meeting`',
          '`MeetingId`',
          '`MeetingTitle`',
          '`Duration`',
          '`MeetingScheduled`',
          '`MeetingRepositoryPort`',
        ]);
        expect([...specsInPlan(plan).keys()]).toContain(
          'src/domain/meeting/duration.value-object.spec.ts',
        );
      });
    });

    it('--events records each event, and the listener reacts to the first', async () => {
      const { tree, written } = await generate({
        ...SCHEDULE_MEETING,
        events: 'MeetingBooked,MeetingPlanned',
      });
      const aggregate = read(tree, `${DOMAIN}/meeting.aggregate.ts`);

      expect(written.filter((file) => file.endsWith('.event.ts'))).toEqual([
        `${DOMAIN}/meeting-booked.event.ts`,
        `${DOMAIN}/meeting-planned.event.ts`,
      ]);
      expect(written.some((file) => file.includes('meeting-scheduled'))).toBe(false);
      expect(aggregate).toContain('new MeetingBooked({');
      expect(aggregate).toContain('new MeetingPlanned({');
      expect(written.filter((file) => file.endsWith('.listener.ts'))).toEqual([
        `${APPLICATION}/on-meeting-booked.listener.ts`,
      ]);
      expect(squash(read(tree, `${APPLICATION}/schedule-meeting.handler.spec.ts`))).toContain(
        'toEqual([ MeetingBooked.EVENT_NAME, MeetingPlanned.EVENT_NAME, ]);',
      );
    });

    it('--events as an array does the same as the comma string', async () => {
      const fromString = filesOf(
        (await generate({ ...SCHEDULE_MEETING, events: 'MeetingBooked' })).tree,
      );

      expect(
        filesOf((await generate({ ...SCHEDULE_MEETING, events: ['MeetingBooked'] })).tree),
      ).toEqual(fromString);
    });

    it('--scheduledCommands writes each, with one listener scheduling the first', async () => {
      const { tree, written } = await generate({
        ...SCHEDULE_MEETING,
        scheduledCommands: ['SendReminder', 'CloseMeeting'],
      });
      const listener = read(tree, `${APPLICATION}/on-meeting-scheduled.listener.ts`);

      expect(written.filter((file) => file.startsWith(APPLICATION))).toEqual(
        [
          'schedule-meeting.command',
          'schedule-meeting.handler',
          'on-meeting-scheduled.listener',
          'send-reminder.scheduled-command',
          'close-meeting.scheduled-command',
        ]
          .flatMap((base) => [`${APPLICATION}/${base}.ts`, `${APPLICATION}/${base}.spec.ts`])
          .sort(),
      );
      expect(listener).toContain('SendReminderScheduledCommand.create(');
      expect(listener).not.toContain('CloseMeeting');
      expect(read(tree, `${APPLICATION}/close-meeting.scheduled-command.ts`)).toContain(
        'static readonly TYPE = "meetings.CloseMeeting";',
      );
    });

    it.each<[string, string[] | string]>([
      ['an empty array', []],
      ['an empty string', ''],
    ])(
      '--scheduledCommands as %s: no scheduled command and no listener',
      async (_case, scheduledCommands) => {
        const { tree, written } = await generate({ ...SCHEDULE_MEETING, scheduledCommands });
        const plan = read(tree, PLAN);

        expect(written.filter((file) => file.startsWith(APPLICATION))).toEqual(
          ['schedule-meeting.command', 'schedule-meeting.handler']
            .flatMap((base) => [`${APPLICATION}/${base}.ts`, `${APPLICATION}/${base}.spec.ts`])
            .sort(),
        );
        expect(tableRows(section(plan, 'application-layer')).map((row) => row[0])).toEqual([
          'Command',
          'Handler',
        ]);
        expect(plan).not.toContain('Listener');
        expect(plan).not.toContain('ScheduledCommand');
        expect(read(tree, `${PROJECT}/src/index.ts`)).not.toMatch(/listener|scheduled-command/);
      },
    );

    describe('--skipCode', () => {
      it('writes the plan and creates the module project, but no code', async () => {
        const { tree, written, callback } = await generate({ ...SCHEDULE_MEETING, skipCode: true });

        // The plugin is registered (the plan must be verifiable); the module's project is made
        // by Nx's generators, which add their packages, but not the kernel.
        expect(written).toEqual(
          [PLAN, ...WORKSPACE_FILES, ...MODULE_FILES.map((file) => `${PROJECT}/${file}`)].sort(),
        );
        expect(readJson(tree, 'package.json').dependencies?.['@mjomeet/ddd']).toBeUndefined();
        expect(typeof callback).toBe('function');
        expect(readProjectConfiguration(tree, 'meetings').root).toBe(PROJECT);
        expect(read(tree, `${PROJECT}/src/index.ts`)).toBe('');
        expect(tree.exists(`${PROJECT}/src/domain`)).toBe(false);
        expect(tree.exists(`${PROJECT}/src/application`)).toBe(false);
      });

      it('still plans every artifact, but embeds no spec code', async () => {
        const { tree } = await generate({ ...SCHEDULE_MEETING, skipCode: true });
        const plan = read(tree, PLAN);

        expect(tableRows(section(plan, 'application-layer'))).toHaveLength(4);
        expect(squash(section(plan, 'components'))).toContain(
          '- Aggregate `Meeting` in `src/domain/meeting/meeting.aggregate.ts`',
        );
        expect(specsInPlan(plan).size).toBe(0);
        expect(plan).not.toContain('```ts');
        expect(section(plan, 'unit-tests')).toContain(PLACEHOLDER);
      });

      it('on an existing module writes the plan only', async () => {
        const tree = await workspaceWithScheduleMeeting();

        const { written } = await generate(
          { module: 'meetings', useCase: 'RenameMeeting', skipCode: true },
          tree,
        );

        expect(written).toEqual(['docs/features/meetings/RenameMeeting/RenameMeeting-plan.md']);
        expect(readJson(tree, 'nx.json').plugins).toContain('@mjomeet/plan/plugin');
      });
    });

    describe('--skipFormat', () => {
      it('writes the same files, unformatted', async () => {
        const { tree, written } = await generate({ ...SCHEDULE_MEETING, skipFormat: true });
        const formatted = changedSince(
          filesOf(createTreeWithEmptyWorkspace()),
          await workspaceWithScheduleMeeting(),
        );
        const unformatted: string[] = [];
        for (const file of written.filter((path) => path.endsWith('.ts'))) {
          const source = read(tree, file);
          if ((await prettier.format(source, { filepath: file })) !== source)
            unformatted.push(file);
        }

        expect(written).toEqual(formatted);
        expect(unformatted).toContain(`${DOMAIN}/meeting.aggregate.ts`);
        expect(unformatted).toContain(`${APPLICATION}/schedule-meeting.command.ts`);
        // The templates' own quotes, where prettier's default would use double quotes.
        expect(read(tree, `${DOMAIN}/meeting.aggregate.ts`)).toContain("from '@mjomeet/ddd';");
      });

      it('leaves the plan unwrapped', async () => {
        const { tree } = await generate({ ...SCHEDULE_MEETING, skipFormat: true });
        const plan = read(tree, PLAN);

        expect(plan).toMatch(
          /^Plan of the `ScheduleMeeting` use-case of the `meetings` module\. Nothing .* ask a reviewer to approve it\.$/m,
        );
        expect(
          await prettier.format(plan, { filepath: PLAN, proseWrap: 'always', printWidth: 80 }),
        ).not.toBe(plan);
      });
    });

    it('adopts an existing module project where it lives: tagged plan:required, nothing else touched', async () => {
      const tree = createTreeWithEmptyWorkspace();
      addProjectConfiguration(tree, 'meetings', {
        root: 'libs/meetings',
        sourceRoot: 'libs/meetings/src',
        projectType: 'library',
        targets: {},
      });
      tree.write('libs/meetings/src/index.ts', 'export const legacy = 1;\n');

      const { written } = await generate(SCHEDULE_MEETING, tree);

      expect(written).toEqual(
        [
          PLAN,
          'nx.json',
          'package.json',
          'libs/meetings/project.json',
          'libs/meetings/src/index.ts',
          ...SCHEDULE_MEETING_CODE.flatMap((file) => [
            `libs/meetings/${file}`,
            `libs/meetings/${specOf(file)}`,
          ]),
        ].sort(),
      );
      expect(
        read(tree, 'libs/meetings/src/index.ts').startsWith('export const legacy = 1;\n'),
      ).toBe(true);
      expect(readProjectConfiguration(tree, 'meetings').targets).toEqual({});
      expect(readProjectConfiguration(tree, 'meetings').tags).toEqual(['plan:required']);
      expect(tree.exists(PROJECT)).toBe(false);
    });

    describe('--project: planning in an existing library, whatever defines it', () => {
      /** The text with double quotes as single ones: the virtual tree's prettier has no .prettierrc. */
      const q = (text: string) => text.replace(/"/g, "'");
      /** What `nx g @nx/js:library packages/billing` leaves in a --preset=ts workspace. */
      function workspaceWithBilling(nx?: object): Tree {
        const tree = tsSolutionWorkspace();
        tree.write(
          'packages/billing/package.json',
          JSON.stringify({
            name: '@tsw/billing',
            version: '0.0.1',
            type: 'module',
            ...(nx ? { nx } : {}),
          }),
        );
        tree.write(
          'packages/billing/tsconfig.lib.json',
          JSON.stringify({ extends: '../../tsconfig.base.json' }),
        );
        tree.write('packages/billing/src/index.ts', "export * from './lib/billing.js';\n");
        tree.write(
          'packages/billing/src/lib/billing.ts',
          "export const billing = () => 'billing';\n",
        );
        return tree;
      }
      const ISSUE_INVOICE = 'docs/features/billing/IssueInvoice/IssueInvoice-plan.md';

      it("plans in a package.json project: module from its unscoped name, tagged in its package.json's nx field, its layout and config kept", async () => {
        const tree = workspaceWithBilling();
        const before = filesOf(tree);

        const { written } = await generate(
          { project: '@tsw/billing', useCase: 'IssueInvoice' },
          tree,
        );

        expect(read(tree, ISSUE_INVOICE)).toMatch(/^module: billing$/m);
        expect(readJson(tree, 'packages/billing/package.json')).toEqual({
          name: '@tsw/billing',
          version: '0.0.1',
          type: 'module',
          nx: { tags: ['plan:required'] },
        });
        expect(tree.exists('packages/billing/project.json')).toBe(false);
        // Its code and config stay; the skeletons and the barrel's new lines are all it gains.
        expect(read(tree, 'packages/billing/src/lib/billing.ts')).toBe(
          before.get('packages/billing/src/lib/billing.ts'),
        );
        expect(
          written.filter(
            (path) =>
              path.startsWith('packages/billing/') && !/\/src\/(domain|application)\//.test(path),
          ),
        ).toEqual(['packages/billing/package.json', 'packages/billing/src/index.ts']);
        expect(q(read(tree, 'packages/billing/src/index.ts')).split('\n')).toEqual(
          expect.arrayContaining([
            "export * from './lib/billing.js';",
            "export * from './application/issue-invoice/issue-invoice.handler.js';",
          ]),
        );
      });

      it('tells, in the plan, how to verify it with the project as Nx names it', async () => {
        const tree = workspaceWithBilling();

        await generate({ project: '@tsw/billing', useCase: 'IssueInvoice' }, tree);

        expect(read(tree, ISSUE_INVOICE).replace(/\s+/g, ' ')).toContain(
          'run `nx run @tsw/billing:verify-plan` until',
        );
      });

      it('writes relative imports with .js where the project resolves as nodenext, as Nx does', async () => {
        const tree = workspaceWithBilling();

        await generate({ project: '@tsw/billing', useCase: 'IssueInvoice' }, tree);

        const handler = q(
          read(tree, 'packages/billing/src/application/issue-invoice/issue-invoice.handler.ts'),
        );
        expect(handler).toContain("from '../../domain/invoice/invoice.repository.port.js';");
        expect(handler).toContain("from './issue-invoice.command.js';");
        expect(handler).toContain("from '@mjomeet/ddd';");
        // The plan shows the specs as the files have them.
        expect(q(read(tree, ISSUE_INVOICE))).toContain("from './issue-invoice.command.js';");
      });

      it('tags plan:module:<module> when --module differs from its unscoped name; approve and verify-plan then find it', async () => {
        const tree = createTreeWithEmptyWorkspace();
        addProjectConfiguration(tree, 'legacy-invoicing', {
          root: 'apps/back/invoicing',
          targets: {},
        });

        await generate(
          { project: 'legacy-invoicing', module: 'billing', useCase: 'IssueInvoice' },
          tree,
        );

        expect(readProjectConfiguration(tree, 'legacy-invoicing').tags).toEqual([
          'plan:required',
          'plan:module:billing',
        ]);
        expect(
          tree.exists('apps/back/invoicing/src/application/issue-invoice/issue-invoice.command.ts'),
        ).toBe(true);
        expect(tree.exists(ISSUE_INVOICE)).toBe(true);
        // A second use-case finds the project through the tag.
        await generate({ module: 'billing', useCase: 'RefundInvoice', aggregate: 'Invoice' }, tree);
        expect(
          tree.exists(
            'apps/back/invoicing/src/application/refund-invoice/refund-invoice.command.ts',
          ),
        ).toBe(true);
        expect(tree.exists('packages/billing')).toBe(false);
      });

      it('adds no tag it has already', async () => {
        const tree = workspaceWithBilling({ tags: ['plan:required', 'scope:billing'] });

        const { written } = await generate(
          { project: '@tsw/billing', useCase: 'IssueInvoice' },
          tree,
        );

        expect(written).not.toContain('packages/billing/package.json');
      });

      it.each<[string, (tree: Tree) => void, FeatureGeneratorSchema, RegExp]>([
        [
          'a project Nx does not have',
          () => undefined,
          { project: '@tsw/nothing', useCase: 'IssueInvoice' },
          /^There is no Nx project named "@tsw\/nothing"\. Give its name as Nx shows it \(nx show projects\)/,
        ],
        [
          'a module that another project is already',
          (tree) => addProjectConfiguration(tree, 'billing', { root: 'libs/billing', targets: {} }),
          { project: '@tsw/billing', useCase: 'IssueInvoice' },
          /^The module "billing" is the project "billing" already \(in libs\/billing\); one module is one project\./,
        ],
        [
          '--directory beside --project',
          () => undefined,
          { project: '@tsw/billing', useCase: 'IssueInvoice', directory: 'libs/billing' },
          /^--directory is where a new module project is created; "@tsw\/billing" exists already, in packages\/billing\./,
        ],
        [
          'neither --module nor --project',
          () => undefined,
          { useCase: 'IssueInvoice' },
          /^Say where the use-case goes: --module=<name> .* or --project=<Nx project>/,
        ],
      ])('refuses %s, changing nothing', async (_case, arrange, schema, message) => {
        const tree = workspaceWithBilling();
        arrange(tree);
        const before = filesOf(tree);

        await expect(featureGenerator(tree, schema)).rejects.toThrow(message);

        expect(changedSince(before, tree)).toEqual([]);
      });

      it('refuses a module tagged otherwise, changing nothing', async () => {
        const tree = workspaceWithBilling({ tags: ['plan:module:invoicing'] });
        const before = filesOf(tree);

        await expect(
          featureGenerator(tree, {
            project: '@tsw/billing',
            module: 'billing',
            useCase: 'IssueInvoice',
          }),
        ).rejects.toThrow(
          /^The project "@tsw\/billing" is the module "invoicing" \(its tag "plan:module:invoicing"\), not "billing"\./,
        );
        expect(changedSince(before, tree)).toEqual([]);
      });
    });

    it('refuses to make a module project on TypeScript 7 (Nx 23 cannot), changing nothing, and says what works', async () => {
      const root = mkdtempSync(join(tmpdir(), 'plan-feature-ts7-'));
      try {
        // What `npm install -D typescript@7` gives: a package whose main has no compiler API.
        mkdirSync(join(root, 'node_modules/typescript'), { recursive: true });
        writeFileSync(
          join(root, 'node_modules/typescript/package.json'),
          JSON.stringify({ name: 'typescript', version: '7.0.2', main: 'index.js' }),
        );
        writeFileSync(
          join(root, 'node_modules/typescript/index.js'),
          "module.exports = { version: '7.0.2', versionMajorMinor: '7.0' };\n",
        );
        writeFileSync(join(root, 'nx.json'), '{}');
        writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'ws', private: true }));
        const tree = new FsTree(root, false);

        await expect(
          featureGenerator(tree, { module: 'rooms', useCase: 'BookRoom' }),
        ).rejects.toThrow(
          /^The module "rooms" has no project yet, and making one runs Nx's @nx\/js:library, which needs TypeScript's JavaScript API; the workspace's typescript 7\.0\.2 .* Plan in an existing project with --project=<name>/,
        );
        expect(tree.listChanges()).toEqual([]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });

    describe('a new module in a --preset=ts workspace (npm workspaces, TS project references)', () => {
      let tree: Tree;

      beforeAll(async () => {
        tree = tsSolutionWorkspace();
        await generate({ module: 'rooms', useCase: 'BookRoom' }, tree);
      });

      it('is a package.json project named after the workspace scope, ESM, with no project.json', () => {
        expect(tree.exists('packages/rooms/project.json')).toBe(false);
        expect(readJson(tree, 'packages/rooms/package.json')).toMatchObject({
          name: '@tsw/rooms',
          type: 'module',
          nx: { tags: ['type:module', 'plan:required'] },
        });
        expect(readProjectConfiguration(tree, '@tsw/rooms').root).toBe('packages/rooms');
      });

      it("is referenced from the solution tsconfig and uses the workspace's customConditions", () => {
        expect(readJson(tree, 'tsconfig.json').references).toEqual([{ path: './packages/rooms' }]);
        const exports = readJson(tree, 'packages/rooms/package.json').exports['.'];
        expect(exports['@tsw/source']).toBe('./src/index.ts');
        // node10 nowhere: TypeScript 6 refuses it beside customConditions (TS5098, TS5107).
        for (const file of ['tsconfig.json', 'tsconfig.lib.json', 'tsconfig.spec.json']) {
          expect(read(tree, `packages/rooms/${file}`)).not.toMatch(
            /node10|"moduleResolution": "node"/,
          );
        }
      });

      it("uses .js in relative imports and the workspace's jest set-up, in a jest.config.cjs", () => {
        expect(read(tree, 'packages/rooms/src/index.ts').replace(/"/g, "'")).toContain(
          "export * from './domain/room/room.aggregate.js';",
        );
        expect(
          read(tree, 'packages/rooms/src/domain/room/room.aggregate.ts').replace(/"/g, "'"),
        ).toContain("from './room-id.value-object.js';");
        const jest = read(tree, 'packages/rooms/jest.config.cjs').replace(/"/g, "'");
        expect(jest).toContain("'@swc/jest'");
        expect(jest).toContain("preset: '../../jest.preset.js'");
      });
    });
  });

  describe('the workspace', () => {
    const withPackageJson = (packageJson: object) => {
      const tree = createTreeWithEmptyWorkspace();
      tree.write('package.json', JSON.stringify(packageJson));
      return tree;
    };

    it('adds no package and asks for no install on a second use-case when the workspace has every package', async () => {
      const tree = await workspaceWithScheduleMeeting();
      const packageJson = read(tree, 'package.json');

      const { written, callback } = await generate(
        { module: 'meetings', useCase: 'CancelMeeting', aggregate: 'Meeting' },
        tree,
      );

      expect(written).not.toContain('package.json');
      expect(read(tree, 'package.json')).toBe(packageJson);
      expect(callback).toBeUndefined();
    });

    it('counts a workspace package of the same name as present', async () => {
      const tree = withPackageJson({ name: 'ws', devDependencies: { nx: '23.2.1' } });
      addProjectConfiguration(tree, 'ddd', { root: 'packages/ddd', targets: {} });
      tree.write(
        'packages/ddd/package.json',
        JSON.stringify({ name: '@mjomeet/ddd', version: '0.1.0' }),
      );

      await generate(SCHEDULE_MEETING, tree);

      expect(readJson(tree, 'package.json').dependencies?.['@mjomeet/ddd']).toBeUndefined();
    });

    it("adds @nx/jest in the workspace's Nx version, and keeps what was there", async () => {
      const tree = withPackageJson({
        name: 'ws',
        devDependencies: { nx: '23.2.1', jest: '29.7.0' },
      });

      await generate(SCHEDULE_MEETING, tree);

      const { devDependencies } = readJson(tree, 'package.json');
      expect(devDependencies['@nx/jest']).toBe('23.2.1');
      expect(devDependencies.jest).toBe('29.7.0');
      expect(devDependencies.nx).toBe('23.2.1');
    });

    it('adds an @nx/jest of the Nx line the plugin supports when nx is not listed', async () => {
      const tree = await workspaceWithScheduleMeeting();

      expect(readJson(tree, 'package.json').devDependencies['@nx/jest']).toMatch(/^[\^~]?23\./);
    });

    it('registers the plugin once, keeping a registration with options', async () => {
      const tree = createTreeWithEmptyWorkspace();
      tree.write(
        'nx.json',
        JSON.stringify({
          plugins: [{ plugin: '@mjomeet/plan', options: { targetName: 'check-plan' } }],
        }),
      );

      await generate(SCHEDULE_MEETING, tree);

      const plans = (readJson(tree, 'nx.json').plugins as Array<string | { plugin: string }>)
        .map((entry) => (typeof entry === 'string' ? entry : entry))
        .filter((entry) => (typeof entry === 'string' ? entry : entry.plugin) === '@mjomeet/plan');
      expect(plans).toEqual([{ plugin: '@mjomeet/plan', options: { targetName: 'check-plan' } }]);
    });
  });

  describe('a second use-case on the same aggregate', () => {
    const CANCEL_MEETING: FeatureGeneratorSchema = {
      module: 'meetings',
      useCase: 'CancelMeeting',
      aggregate: 'Meeting',
      valueObjects: 'CancellationReason',
    };
    const CANCEL = `${PROJECT}/src/application/cancel-meeting`;
    const AGGREGATE = `${DOMAIN}/meeting.aggregate.ts`;
    const BARREL = `${PROJECT}/src/index.ts`;
    let tree: Tree;
    let first: Map<string, string>;
    let written: string[];

    beforeAll(async () => {
      tree = await workspaceWithScheduleMeeting();
      first = filesOf(tree);
      written = (await generate(CANCEL_MEETING, tree)).written;
    });

    it('writes its own files, and changes only the barrel and the aggregate', () => {
      expect(written).toEqual(
        [
          'docs/features/meetings/CancelMeeting/CancelMeeting-plan.md',
          BARREL,
          AGGREGATE,
          ...[
            `${DOMAIN}/cancellation-reason.value-object`,
            `${DOMAIN}/meeting-canceled.event`,
            `${CANCEL}/cancel-meeting.command`,
            `${CANCEL}/cancel-meeting.handler`,
            `${CANCEL}/on-meeting-canceled.listener`,
            `${CANCEL}/cancel-meeting-follow-up.scheduled-command`,
          ].flatMap((base) => [`${base}.ts`, `${base}.spec.ts`]),
        ].sort(),
      );
    });

    it('neither registers the plugin again nor adds packages', async () => {
      const again = await workspaceWithScheduleMeeting();

      expect((await generate(CANCEL_MEETING, again)).callback).toBeUndefined();
    });

    it('leaves every file of the first use-case byte for byte, except the barrel and the aggregate', () => {
      const changed = [...first.keys()].filter(
        (path) => tree.read(path, 'utf-8') !== first.get(path),
      );

      expect(changed.sort()).toEqual([AGGREGATE, BARREL].sort());
    });

    it('only appends to the barrel, exporting every new file', () => {
      const before = first.get(BARREL)!;
      const after = read(tree, BARREL);

      expect(after.startsWith(before)).toBe(true);
      for (const module of [
        './domain/meeting/cancellation-reason.value-object',
        './domain/meeting/meeting-canceled.event',
        './application/cancel-meeting/cancel-meeting.command',
        './application/cancel-meeting/cancel-meeting.handler',
        './application/cancel-meeting/on-meeting-canceled.listener',
        './application/cancel-meeting/cancel-meeting-follow-up.scheduled-command',
      ]) {
        expect(after).toContain(`export * from "${module}";`);
      }
    });

    it('appends only the exports that are new (no duplicate export lines)', () => {
      const appended = read(tree, BARREL).slice(first.get(BARREL)!.length).trimEnd().split('\n');

      expect(appended).toEqual([
        'export * from "./domain/meeting/cancellation-reason.value-object";',
        'export * from "./domain/meeting/meeting-canceled.event";',
        'export * from "./application/cancel-meeting/cancel-meeting.command";',
        'export * from "./application/cancel-meeting/cancel-meeting.handler";',
        'export * from "./application/cancel-meeting/on-meeting-canceled.listener";',
        'export * from "./application/cancel-meeting/cancel-meeting-follow-up.scheduled-command";',
      ]);
    });

    it('formats only the lines it appends to a barrel a person wrote in another style', async () => {
      const handWritten = await workspaceWithScheduleMeeting();
      // Valid TypeScript that prettier would rewrite on every line: quotes, semicolons, spacing,
      // a trailing space, a blank line, and no newline at the end.
      const barrel = [
        '// The public API of meetings, curated by hand ',
        "export * from './domain/meeting/meeting.aggregate'",
        'export   {   MeetingId   }   from "./domain/meeting/meeting-id.value-object"',
        '',
        "export type { ScheduleMeetingInput } from './application/schedule-meeting/schedule-meeting.command'",
      ].join('\n');
      handWritten.write(BARREL, barrel);

      await featureGenerator(handWritten, CANCEL_MEETING);
      const after = read(handWritten, BARREL);

      expect(after.slice(0, barrel.length)).toBe(barrel);
      expect(after.slice(barrel.length)).toBe(
        [
          '',
          'export * from "./domain/meeting/cancellation-reason.value-object";',
          'export * from "./domain/meeting/meeting-canceled.event";',
          'export * from "./domain/meeting/meeting.repository.port";',
          'export * from "./application/cancel-meeting/cancel-meeting.command";',
          'export * from "./application/cancel-meeting/cancel-meeting.handler";',
          'export * from "./application/cancel-meeting/on-meeting-canceled.listener";',
          'export * from "./application/cancel-meeting/cancel-meeting-follow-up.scheduled-command";',
          '',
        ].join('\n'),
      );
    });

    it('keeps the aggregate as it was, adding the new imports and method', () => {
      const before = first.get(AGGREGATE)!;
      const after = read(tree, AGGREGATE);
      const importsEnd = before.lastIndexOf('\nimport ') + 1;
      const lastImport = before.indexOf('\n', importsEnd) + 1;
      const closingBrace = before.lastIndexOf('}');

      // Everything up to the last import, the class up to its closing brace, and that brace.
      expect(after.startsWith(before.slice(0, lastImport))).toBe(true);
      expect(after).toContain(before.slice(lastImport, closingBrace));
      expect(after.endsWith(before.slice(closingBrace))).toBe(true);
      expect(classMembers(after, 'Meeting')).toEqual([
        'constructor',
        'create',
        'reconstitute',
        'scheduleMeeting',
        'cancelMeeting',
      ]);
      expect(squash(after)).toContain(
        'cancelMeeting(details: { readonly cancellationReason: CancellationReason; }): Result<void, DomainError> {',
      );
      expect(squash(after)).toContain(
        'new MeetingCanceled({ aggregateId: this.id.value, payload: {} }),',
      );
      expect(after).toMatch(
        /^import \{ CancellationReason \} from ['"]\.\/cancellation-reason\.value-object['"];$/m,
      );
      expect(after).toMatch(
        /^import \{ MeetingCanceled \} from ['"]\.\/meeting-canceled\.event['"];$/m,
      );
      expect(after.match(/^import /gm)).toHaveLength(5);
    });

    it('formats the added method like the rest of the aggregate', async () => {
      const after = read(tree, AGGREGATE);
      const formatted = await prettier.format(after, { filepath: AGGREGATE });
      const method = (source: string) => source.slice(source.indexOf('  /** CancelMeeting:'));

      expect(method(after)).toBe(method(formatted));
    });

    it('leaves the extended aggregate exactly as prettier formats it', async () => {
      const after = read(tree, AGGREGATE);

      expect(await prettier.format(after, { filepath: AGGREGATE })).toBe(after);
    });

    it('plans the second use-case with its own artifacts, sharing the aggregate', () => {
      const plan = read(tree, 'docs/features/meetings/CancelMeeting/CancelMeeting-plan.md');

      expect(tableRows(section(plan, 'domain-model')).map((row) => row[1])).toEqual([
        '`Meeting`',
        '`MeetingId`',
        '`CancellationReason`',
        '`MeetingCanceled`',
        '`MeetingRepositoryPort`',
      ]);
      expect(tableRows(section(plan, 'application-layer')).map((row) => row[1])).toEqual([
        '`CancelMeetingCommand`',
        '`CancelMeetingHandler`',
        '`OnMeetingCanceledListener`',
        '`CancelMeetingFollowUpScheduledCommand`',
      ]);
      expect(plan).toContain('status: draft');
    });

    it('does not touch the first plan', () => {
      expect(read(tree, PLAN)).toBe(first.get(PLAN));
    });

    it('shows the shared specs as they are in both plans: no trace/spec-drift', () => {
      expect(specDrift(tree, PLAN).drift).toEqual([]);
      expect(
        specDrift(tree, 'docs/features/meetings/CancelMeeting/CancelMeeting-plan.md').drift,
      ).toEqual([]);
    });
  });

  describe('refuses, changing nothing', () => {
    async function expectRefusal(tree: Tree, schema: FeatureGeneratorSchema, message: RegExp) {
      const before = filesOf(tree);

      await expect(featureGenerator(tree, schema)).rejects.toThrow(message);

      expect(changedSince(before, tree)).toEqual([]);
    }

    it('the same use-case again', async () => {
      const tree = await workspaceWithScheduleMeeting();

      await expectRefusal(tree, SCHEDULE_MEETING, /planned already/);
    });

    it.each<[string, Partial<FeatureGeneratorSchema>]>([
      ['in another casing', { useCase: 'schedule-meeting' }],
      ['with --skipCode', { skipCode: true }],
      ['with other options', { valueObjects: 'MeetingTitle', scheduledCommands: [] }],
    ])('the same use-case again, %s', async (_case, overrides) => {
      const tree = await workspaceWithScheduleMeeting();

      await expectRefusal(
        tree,
        { ...SCHEDULE_MEETING, ...overrides },
        /ScheduleMeeting is planned already: docs\/features\/meetings\/ScheduleMeeting\/ScheduleMeeting-plan\.md exists/,
      );
    });

    it('a use-case whose code exists though its plan was deleted', async () => {
      const tree = await workspaceWithScheduleMeeting();
      tree.delete(PLAN);

      await expectRefusal(
        tree,
        SCHEDULE_MEETING,
        /packages\/meetings\/src\/application\/schedule-meeting exists already/,
      );
    });

    it('a use-case whose method the aggregate has already', async () => {
      const tree = await workspaceWithScheduleMeeting();
      tree.delete(PLAN);
      tree.delete(APPLICATION);

      await expectRefusal(
        tree,
        SCHEDULE_MEETING,
        /Meeting in .*meeting\.aggregate\.ts already has a member "scheduleMeeting"/,
      );
    });

    it('an aggregate file whose class a person renamed', async () => {
      const tree = await workspaceWithScheduleMeeting();
      const aggregate = `${DOMAIN}/meeting.aggregate.ts`;
      tree.write(
        aggregate,
        read(tree, aggregate).replace(/\bclass Meeting\b/, 'class Appointment'),
      );

      await expectRefusal(
        tree,
        { module: 'meetings', useCase: 'CancelMeeting', aggregate: 'Meeting' },
        /packages\/meetings\/src\/domain\/meeting\/meeting\.aggregate\.ts has no class Meeting to add the use-case to\. Restore the class, or pass --aggregate/,
      );
    });

    it.each<[string, Partial<FeatureGeneratorSchema>, RegExp]>([
      [
        'a use-case with a path',
        { useCase: '../escape' },
        /^The use-case "\.\.\/escape" contains a path separator or "\.\."/,
      ],
      ['an empty use-case', { useCase: '' }, /^The use-case must not be empty/],
      ['a blank use-case', { useCase: '   ' }, /^The use-case must not be empty/],
      ['a non-ASCII use-case', { useCase: 'Über' }, /^The use-case "Über" is not a valid name/],
      ['a reserved word', { useCase: 'new' }, /^The use-case "new" is a reserved word/],
      [
        'a module with a path',
        { module: '../../etc' },
        /^The module "\.\.\/\.\.\/etc" contains a path separator/,
      ],
      ['an empty module', { module: '' }, /^The module must not be empty/],
      [
        'the plan module',
        { module: 'plan' },
        /^The module "plan" collides with the @mjomeet\/plan package/,
      ],
      [
        'the ddd module',
        { module: 'ddd' },
        /^The module "ddd" collides with the @mjomeet\/ddd package/,
      ],
      [
        'the plan module in another casing',
        { module: 'Plan' },
        /collides with the @mjomeet\/plan package/,
      ],
      [
        'an aggregate with a path',
        { aggregate: 'a/b' },
        /^The aggregate "a\/b" contains a path separator/,
      ],
      [
        'a reserved aggregate',
        { aggregate: 'Promise' },
        /^The aggregate "Promise" is a reserved word/,
      ],
      [
        'a value object that is not ASCII',
        { valueObjects: 'Title,café' },
        /^A value object "café" is not a valid name/,
      ],
      ['an event with a path', { events: ['a\\b'] }, /^An event "a\\b" contains a path separator/],
      [
        'a reserved scheduled command',
        { scheduledCommands: 'delete' },
        /^A scheduled command "delete" is a reserved word/,
      ],
      [
        'a value object named like the aggregate',
        { valueObjects: 'Meeting' },
        /^"Meeting" is given for two different artifacts/,
      ],
      [
        'an event named like the aggregate id',
        { events: 'MeetingId' },
        /^"MeetingId" is given for two different artifacts/,
      ],
      [
        "a use-case whose handler would be the kernel's CommandHandler",
        { useCase: 'Command' },
        /^The use-case "Command" would make its handler class CommandHandler, which @mjomeet\/ddd exports too: it would clash with the kernel's CommandHandler\. Choose another name for --useCase\.$/,
      ],
      [
        'an aggregate named like a class of the kernel',
        { aggregate: 'InMemoryRepository' },
        /^The aggregate "InMemoryRepository" would make its class InMemoryRepository, which @mjomeet\/ddd exports too/,
      ],
      [
        "an event that would hide TypeScript's Record, which the event file uses",
        { events: 'Record' },
        /^The event "Record" would make its class Record, the name of a TypeScript global that it would hide from the generated code\. Choose another name for --events\.$/,
      ],
      [
        'a value object named like a TypeScript global',
        { valueObjects: 'Title,Map' },
        /^The value object "Map" would make its class Map, the name of a TypeScript global/,
      ],
      [
        'a default aggregate named like a TypeScript global',
        { useCase: 'AddRecord' },
        /^The aggregate "Record" \(named after the use-case\) would make its class Record, the name of a TypeScript global that it would hide from the generated code\. Choose another name for --useCase, or name the aggregate with --aggregate\.$/,
      ],
      [
        "a use-case whose method would replace AggregateRoot's record",
        { useCase: 'Record', aggregate: 'Meeting' },
        /^The use-case "Record" would make the aggregate method record\(\), which would replace record of AggregateRoot, the aggregate's base class\. Choose another name for --useCase\.$/,
      ],
      [
        'an aggregate held in a variable the handler uses already',
        { aggregate: 'Handler' },
        /^The aggregate "Handler" would make the variable that holds it handler, a name the generated code already uses in the same place\. Choose another name for --aggregate\.$/,
      ],
      [
        'a use-case and an event of one name (both have a payload type)',
        { events: 'ScheduleMeeting' },
        /^The use-case "ScheduleMeeting" and the event "ScheduleMeeting" would both make ScheduleMeetingPayload \(its payload interface and its payload type\), and the module's barrel can export only one of them\. Give them different names\.$/,
      ],
      [
        "a value object named like the use-case's command",
        { valueObjects: 'ScheduleMeetingCommand' },
        /^The use-case "ScheduleMeeting" and the value object "ScheduleMeetingCommand" would both make ScheduleMeetingCommand/,
      ],
    ])('%s', async (_case, overrides, message) => {
      await expectRefusal(
        createTreeWithEmptyWorkspace(),
        { ...SCHEDULE_MEETING, ...overrides },
        message,
      );
    });

    describe('names that make a path too long', () => {
      /** A value object of `length` characters: one word, so its file name has as many. */
      const valueObject = (length: number) => `V${'x'.repeat(length - 1)}`;
      /** `${DOMAIN}/` + the value object + `.value-object.spec.ts` is 58 characters more. */
      const AT_THE_LIMIT = MAX_PATH_LENGTH - `${DOMAIN}/.value-object.spec.ts`.length;

      it('accepts a value object whose longest path is exactly at the limit', async () => {
        const { tree, written } = await generate({
          ...SCHEDULE_MEETING,
          valueObjects: valueObject(AT_THE_LIMIT),
        });
        const longest = `${DOMAIN}/${valueObject(AT_THE_LIMIT).toLowerCase()}.value-object.spec.ts`;

        expect(longest).toHaveLength(200);
        expect(tree.exists(longest)).toBe(true);
        expect(Math.max(...written.map((path) => path.length))).toBe(200);
      });

      it.each<[string, Partial<FeatureGeneratorSchema>, RegExp]>([
        [
          'a value object one character over the limit',
          { valueObjects: valueObject(AT_THE_LIMIT + 1) },
          /^The value object "Vxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" \(143 characters\) is too long: the generator would write packages\/meetings\/src\/domain\/meeting\/vx{142}\.value-object\.spec\.ts, a path of 201 characters\. The generator keeps paths within 200 characters of the workspace folder, so that the workspace can be checked out on Windows \(260 characters for a whole path\)\. Choose a shorter name for --valueObjects\.$/,
        ],
        [
          'a use-case of 250 characters (its file names would be over 255 bytes)',
          { useCase: 'a'.repeat(250), aggregate: 'Meeting', events: 'MeetingChanged' },
          /^The use-case "Aa{39}…" \(250 characters\) is too long: the generator would write packages\/meetings\/src\/application\/a{250}\/a{250}\.command\.ts, whose name a{250}\.command\.ts is 261 bytes, and file systems allow 255 bytes per file or folder name\. Choose a shorter name for --useCase\.$/,
        ],
        [
          'a use-case of 250 characters that names the default event',
          { useCase: 'a'.repeat(250) },
          /^The event "MeetingAa{32}…" \(259 characters, named after the aggregate and the use-case\) is too long: .* whose name meeting-a{250}ed\.event\.ts is 269 bytes, .* Choose a shorter name for --useCase, or name the event with --events\.$/,
        ],
        [
          'a module of 256 characters (its folder name would be over 255 bytes)',
          { module: 'm'.repeat(256) },
          /^The module "m{40}…" \(256 characters\) is too long: the generator would write packages\/m{256}\/README\.md, whose name m{256} is 256 bytes, .* Choose a shorter name for --module\.$/,
        ],
        [
          'a module of 190 characters',
          { module: 'm'.repeat(190) },
          /^The module "m{40}…" \(190 characters\) is too long: the generator would write packages\/m{190}\/README\.md, a path of 209 characters\. .* Choose a shorter name for --module\.$/,
        ],
        [
          'a long scheduled command',
          { scheduledCommands: `Remind${'x'.repeat(130)}` },
          /^The scheduled command "Remindx{34}…" \(136 characters\) is too long: the generator would write packages\/meetings\/src\/application\/schedule-meeting\/remindx{130}\.scheduled-command\.ts, a path of 208 characters\./,
        ],
      ])('%s', async (_case, overrides, message) => {
        await expectRefusal(
          createTreeWithEmptyWorkspace(),
          { ...SCHEDULE_MEETING, ...overrides },
          message,
        );
      });
    });

    it('a module whose packages/ folder exists but is not a project', async () => {
      const tree = createTreeWithEmptyWorkspace();
      tree.write('packages/x/notes.md', '# not a project\n');

      await expectRefusal(
        tree,
        { module: 'x', useCase: 'ScheduleMeeting' },
        /^packages\/x exists but is not an Nx project of the module "x"\. Move it away, choose another --directory, or plan in it as it is with --project=<its Nx project name> \(nx show projects lists them\)\.$/,
      );
    });
  });

  describe('the catalog', () => {
    it('has the seed checklist fixture as its checklist items, verbatim and in order', () => {
      expect(SEED_CHECKLIST).toHaveLength(44);
      expect([
        ...checklistItems(IMPLEMENTATION_CHECKLIST),
        ...checklistItems(FEATURE_CHECKLIST),
      ]).toEqual(SEED_CHECKLIST);
    });

    // The seed lives beside the clone (../shared) on engineers' machines only: compared when present.
    const seed = join(__dirname, '../../../../../../shared/seed/feature-plan.prompt.md');
    (existsSync(seed) ? it : it.skip)(
      'fixture is a verbatim copy of the seed prompt\'s "- [ ]" lines',
      () => {
        const lines = readFileSync(seed, 'utf-8')
          .split('\n')
          .filter((line) => line.startsWith('- [ ] '))
          .map((line) => line.slice('- [ ] '.length).trimEnd());

        expect(lines).toEqual(SEED_CHECKLIST);
      },
    );
  });
});
