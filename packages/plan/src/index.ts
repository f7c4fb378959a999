export { featureGenerator } from './generators/feature/generator';
export * from './plan/catalog';
