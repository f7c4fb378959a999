import { listenerNames } from './artifacts';
import type { NameSource } from './name-sources';
import type { Names } from './names';
import { UserInputError } from './names';
import type { NormalizedFeatureOptions } from './normalize-options';
import {
  AGGREGATE_ROOT_MEMBERS,
  KERNEL_EXPORTS,
  TEMPLATE_LOCALS,
  TYPESCRIPT_GLOBALS,
} from './reserved-identifiers';

/**
 * How the templates use an identifier: a top-level `declaration` (class, interface, type,
 * function), a `method` of the aggregate, a `variable` (a local or a parameter), or a `property`
 * (a field or an object key, which cannot clash with anything outside its object).
 */
export type IdentifierRole = 'declaration' | 'method' | 'variable' | 'property';

export interface DerivedIdentifier {
  readonly identifier: string;
  /** What the templates make of it, from its source's point of view: `its command class`. */
  readonly what: string;
  readonly role: IdentifierRole;
  readonly source: NameSource;
}

/** Every identifier the templates (files/) derive from the names of a run. */
export function derivedIdentifiers(
  options: NormalizedFeatureOptions,
  sources: readonly NameSource[],
): DerivedIdentifier[] {
  const sourceOf = (names: Names) => {
    const source = sources.find((candidate) => candidate.names === names);
    if (!source) throw new Error(`No name source for ${names.className}`);
    return source;
  };
  const from = (names: Names) => (what: string, role: IdentifierRole, identifier: string) => ({
    identifier,
    what,
    role,
    source: sourceOf(names),
  });
  const { useCase, aggregate, aggregateId } = options;
  const ofUseCase = from(useCase);
  const ofAggregate = from(aggregate);
  const listener = listenerNames(options);

  return [
    ofUseCase('its command class', 'declaration', `${useCase.className}Command`),
    ofUseCase('its input interface', 'declaration', `${useCase.className}Input`),
    ofUseCase('its payload interface', 'declaration', `${useCase.className}Payload`),
    ofUseCase('its handler class', 'declaration', `${useCase.className}Handler`),
    ofUseCase('the aggregate method', 'method', useCase.propertyName),
    ofAggregate('its class', 'declaration', aggregate.className),
    ofAggregate('its id class', 'declaration', aggregateId.className),
    ofAggregate('its repository port', 'declaration', `${aggregate.className}RepositoryPort`),
    ofAggregate(
      'its repository contract test',
      'declaration',
      `describe${aggregate.className}Repository`,
    ),
    ofAggregate('the variable that holds it', 'variable', aggregate.propertyName),
    ofAggregate('the parameter that holds its id', 'variable', aggregateId.propertyName),
    ofAggregate(
      "the handler's repository parameter",
      'variable',
      `${aggregate.propertyName}Repository`,
    ),
    ...options.valueObjects.flatMap((vo) => [
      from(vo)('its class', 'declaration', vo.className),
      from(vo)('its field', 'property', vo.propertyName),
    ]),
    ...options.events.flatMap((event, index) => [
      from(event)('its class', 'declaration', event.className),
      from(event)('its payload type', 'declaration', `${event.className}Payload`),
      ...(index === 0 && listener
        ? [from(event)('its listener class', 'declaration', `${listener.className}Listener`)]
        : []),
    ]),
    ...options.scheduledCommands.flatMap((sc) => [
      from(sc)('its class', 'declaration', `${sc.className}ScheduledCommand`),
      from(sc)('its payload type', 'declaration', `${sc.className}Payload`),
    ]),
  ];
}

const KERNEL = new Set(KERNEL_EXPORTS);
const GLOBALS = new Set(TYPESCRIPT_GLOBALS);
const AGGREGATE_MEMBERS = new Set(AGGREGATE_ROOT_MEMBERS);
const LOCALS = new Set(TEMPLATE_LOCALS);

/**
 * Refuses names whose generated code would not compile under `strict`, or would hide a name the
 * reader expects: an identifier the kernel exports or TypeScript declares globally, a method
 * that replaces one of AggregateRoot's, a variable a template already uses, or a declaration
 * made twice (the module's barrel cannot export both).
 */
export function assertIdentifiersAreFree(identifiers: readonly DerivedIdentifier[]): void {
  const declared = new Map<string, DerivedIdentifier>();
  for (const derived of identifiers) {
    const { identifier, what, role, source } = derived;
    const made = `${source.label} would make ${what} ${identifier}${role === 'method' ? '()' : ''}`;
    const refuse = (why: string) => {
      throw new UserInputError(`${made}, ${why}. ${source.fix('another')}`);
    };
    // Members and object keys live in their object: only declarations and variables can clash.
    const inScope = role === 'declaration' || role === 'variable';
    if (inScope && KERNEL.has(identifier)) {
      refuse(`which @mjomeet/ddd exports too: it would clash with the kernel's ${identifier}`);
    }
    if (inScope && GLOBALS.has(identifier)) {
      refuse('the name of a TypeScript global that it would hide from the generated code');
    }
    if (role === 'method' && AGGREGATE_MEMBERS.has(identifier)) {
      refuse(`which would replace ${identifier} of AggregateRoot, the aggregate's base class`);
    }
    if (role === 'variable' && LOCALS.has(identifier)) {
      refuse('a name the generated code already uses in the same place');
    }
    if (role !== 'declaration') continue;
    const first = declared.get(identifier);
    if (first) {
      throw new UserInputError(
        `${first.source.label} and ${source.label.replace(/^The /, 'the ')} would both make ${identifier} (${first.what} and ${what}), and the module's barrel can export only one of them. Give them different names.`,
      );
    }
    declared.set(identifier, derived);
  }
}
