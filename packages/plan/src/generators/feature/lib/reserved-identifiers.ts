/**
 * Names a generated identifier must not take, checked in. The generator must not need
 * TypeScript's compiler API at run time (TypeScript 7 has no JavaScript API), so these are lists;
 * reserved-identifiers.spec.ts derives each from its source and fails when one drifts.
 */

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

/**
 * Everything `@mjomeet/ddd` exports (packages/ddd/src/index.ts). The generated code imports its
 * names: a class of the same name clashes with the import or hides it.
 */
export const KERNEL_EXPORTS = words(`
  AggregateRoot BusinessRuleError combine Command CommandHandler CommandMetadata
  CommandScheduler ConflictError DomainError DomainEvent DomainEventListener
  DomainEventPrimitives DomainEventProps err Err EventDispatcher EventPublisher Guard Identifier
  InMemoryRepository isErr isOk JsonObject JsonPrimitive JsonValue ListenerFailure NotFoundError
  ok Ok parseRunAt RepositoryPort Result ScheduledCommand ScheduledCommandFactory
  ScheduledCommandPrimitives ScheduledCommandRegistry unwrap ValidationError ValidationIssue
  ValueObject
`);

/**
 * The globals of TypeScript's lib files for the generated tsconfig's `"lib": ["es2022"]`
 * (TypeScript 5.9): top-level interfaces, types, variables, functions and namespaces. A class
 * of one of these names hides the global in its file and in every file that imports it, where
 * the generated code may use the global (`Record<string, never>`, `new Date()`, `Promise`).
 */
export const TYPESCRIPT_GLOBALS = words(`
  AggregateError AggregateErrorConstructor Array ArrayBuffer ArrayBufferConstructor
  ArrayBufferLike ArrayBufferTypes ArrayBufferView ArrayConstructor ArrayIterator ArrayLike
  AsyncGenerator AsyncGeneratorFunction AsyncGeneratorFunctionConstructor AsyncIterable
  AsyncIterableIterator AsyncIterator AsyncIteratorObject Atomics Awaited BigInt BigInt64Array
  BigInt64ArrayConstructor BigIntConstructor BigIntToLocaleStringOptions BigUint64Array
  BigUint64ArrayConstructor Boolean BooleanConstructor BuiltinIteratorReturn CallableFunction
  Capitalize ClassAccessorDecoratorContext ClassAccessorDecoratorResult
  ClassAccessorDecoratorTarget ClassDecorator ClassDecoratorContext ClassFieldDecoratorContext
  ClassGetterDecoratorContext ClassMemberDecoratorContext ClassMethodDecoratorContext
  ClassSetterDecoratorContext ConcatArray ConstructorParameters DataView DataViewConstructor
  Date DateConstructor decodeURI decodeURIComponent DecoratorContext DecoratorMetadata
  DecoratorMetadataObject encodeURI encodeURIComponent Error ErrorConstructor ErrorOptions
  escape eval EvalError EvalErrorConstructor Exclude Extract FinalizationRegistry
  FinalizationRegistryConstructor FlatArray Float32Array Float32ArrayConstructor Float64Array
  Float64ArrayConstructor Function FunctionConstructor Generator GeneratorFunction
  GeneratorFunctionConstructor IArguments ImportAssertions ImportAttributes ImportCallOptions
  ImportMeta Infinity InstanceType Int16Array Int16ArrayConstructor Int32Array
  Int32ArrayConstructor Int8Array Int8ArrayConstructor Intl isFinite isNaN Iterable
  IterableIterator Iterator IteratorObject IteratorResult IteratorReturnResult
  IteratorYieldResult JSON Lowercase Map MapConstructor MapIterator Math MethodDecorator NaN
  NewableFunction NoInfer NonNullable Number NumberConstructor Object ObjectConstructor Omit
  OmitThisParameter ParameterDecorator Parameters parseFloat parseInt Partial Pick Promise
  PromiseConstructor PromiseConstructorLike PromiseFulfilledResult PromiseLike
  PromiseRejectedResult PromiseSettledResult PropertyDecorator PropertyDescriptor
  PropertyDescriptorMap PropertyKey Proxy ProxyConstructor ProxyHandler RangeError
  RangeErrorConstructor Readonly ReadonlyArray ReadonlyMap ReadonlySet Record ReferenceError
  ReferenceErrorConstructor Reflect RegExp RegExpConstructor RegExpExecArray RegExpIndicesArray
  RegExpMatchArray RegExpStringIterator Required ReturnType Set SetConstructor SetIterator
  SharedArrayBuffer SharedArrayBufferConstructor String StringConstructor StringIterator Symbol
  SymbolConstructor SyntaxError SyntaxErrorConstructor TemplateStringsArray ThisParameterType
  ThisType TypedPropertyDescriptor TypeError TypeErrorConstructor Uint16Array
  Uint16ArrayConstructor Uint32Array Uint32ArrayConstructor Uint8Array Uint8ArrayConstructor
  Uint8ClampedArray Uint8ClampedArrayConstructor Uncapitalize unescape Uppercase URIError
  URIErrorConstructor WeakKey WeakKeyTypes WeakMap WeakMapConstructor WeakRef WeakRefConstructor
  WeakSet WeakSetConstructor
`);

/** The members of the kernel's `AggregateRoot`: a use-case's method must not replace one. */
export const AGGREGATE_ROOT_MEMBERS = words(
  'domainEvents id pullDomainEvents record recordedEvents',
);

/**
 * The names the templates use in the functions where they hold the aggregate in a variable named
 * after it (`const meeting = ...`): an aggregate named like one of these would redeclare or hide
 * it there.
 */
export const TEMPLATE_LOCALS = words(`
  command events expect handler jest make outcome published repository result save setUp
  validInput
`);
