/**
 * The fictional district's school directory: ~1,000 schools across six regions with synthetic names,
 * grade spans, addresses and coordinates in a Los Angeles–like box, a few openings and closures.
 */
import { Rng } from './random.ts';
import { csvLine } from './csv.ts';
import { fyLabel } from './years.ts';

export type SchoolType = 'elementary' | 'middle' | 'high' | 'span' | 'option';
export type OptionKind = 'continuation' | 'community_day' | 'opportunity' | 'independent_study' | 'alternative';

export interface School {
  code: string;
  cds: string;
  name: string;
  type: SchoolType;
  optionKind: OptionKind | undefined;
  lowGrade: string;
  highGrade: string;
  region: string;
  address: string;
  city: string;
  zip: string;
  /** micro-degrees, so coordinates are written exactly */
  latE6: number;
  lonE6: number;
  /** first fiscal year of operation when known (>= 1990) */
  opened: number | undefined;
  /** last fiscal year of operation, if the school closed */
  closed: number | undefined;
  /** relative size within its type (median 1) */
  size: number;
  /** latent neighbourhood affluence (higher = fewer low-income students) */
  affluence: number;
}

export const DISTRICT = {
  name: 'Sample Unified School District',
  countyCode: '19',
  districtCode: '99999',
  cdsCode: '19999990000000',
} as const;

export const TYPE_SHARES: readonly (readonly [SchoolType, number])[] = [
  ['elementary', 0.6],
  ['middle', 0.12],
  ['high', 0.13],
  ['span', 0.08],
  ['option', 0.07],
];

interface Region {
  name: string;
  weight: number;
  lat: readonly [number, number];
  lon: readonly [number, number];
  affluence: number;
  cities: readonly string[];
  zips: readonly [number, number];
}

export const REGIONS: readonly Region[] = [
  { name: 'Region North', weight: 0.27, lat: [34.17, 34.31], lon: [-118.6, -118.36], affluence: 0.1, cities: ['Van Nuys', 'North Hollywood', 'Sylmar', 'Pacoima', 'Reseda', 'Canoga Park', 'Northridge', 'Panorama City', 'Sun Valley', 'Granada Hills'], zips: [91303, 91411] },
  { name: 'Region East', weight: 0.15, lat: [34.01, 34.09], lon: [-118.23, -118.16], affluence: -0.55, cities: ['Los Angeles', 'Boyle Heights', 'El Sereno', 'Lincoln Heights', 'City Terrace'], zips: [90022, 90033] },
  { name: 'Region West', weight: 0.14, lat: [33.95, 34.1], lon: [-118.5, -118.38], affluence: 0.95, cities: ['Los Angeles', 'Venice', 'Mar Vista', 'Westchester', 'Palms', 'Brentwood'], zips: [90024, 90066] },
  { name: 'Region South', weight: 0.18, lat: [33.9, 34.02], lon: [-118.34, -118.24], affluence: -0.75, cities: ['Los Angeles', 'Watts', 'Florence', 'Vermont Square', 'Green Meadows'], zips: [90001, 90062] },
  { name: 'Region Central', weight: 0.16, lat: [34.03, 34.11], lon: [-118.36, -118.24], affluence: -0.3, cities: ['Los Angeles', 'Koreatown', 'Echo Park', 'Hollywood', 'Pico-Union', 'Silver Lake'], zips: [90004, 90029] },
  { name: 'Region Harbor', weight: 0.1, lat: [33.72, 33.88], lon: [-118.31, -118.24], affluence: -0.2, cities: ['San Pedro', 'Wilmington', 'Harbor City', 'Harbor Gateway'], zips: [90710, 90744] },
];

const PEOPLE: readonly string[] = [
  'Cesar Chavez', 'Dolores Huerta', 'Mary McLeod Bethune', 'Thurgood Marshall', 'Ruben Salazar', 'Maya Angelou',
  'Sally Ride', 'Jackie Robinson', 'Roberto Clemente', 'Ellen Ochoa', 'Frida Kahlo', 'Langston Hughes',
  'Amelia Earhart', 'George Washington Carver', 'Harriet Tubman', 'Frederick Douglass', 'Rosa Parks', 'John Muir',
  'Luther Burbank', 'Booker T. Washington', 'Eleanor Roosevelt', 'Marie Curie', 'Octavia Butler', 'Fred Korematsu',
  'Larry Itliong', 'Yuri Kochiyama', 'Dalip Singh Saund', 'Ralph Bunche', 'Mae Jemison', 'Katherine Johnson',
  'Carter G. Woodson', 'Gabriela Mistral', 'Pablo Neruda', 'José Martí', 'Sor Juana Inés de la Cruz', 'Julia de Burgos',
  'Benito Juárez', 'Pío Pico', 'Biddy Mason', 'Tom Bradley', 'Edward R. Roybal', 'Sylvia Mendez', 'Anna May Wong',
  'Duke Kahanamoku', 'Wilma Mankiller', 'Sequoyah', 'Maria Tallchief', 'Jim Thorpe', 'Sojourner Truth', 'Ida B. Wells',
  'Zora Neale Hurston', 'James Baldwin', 'Paul Robeson', 'Marian Anderson', 'Ella Fitzgerald', 'Duke Ellington',
  'Charles Drew', 'Daniel Hale Williams', 'Grace Hopper', 'Ada Lovelace', 'Rachel Carson', 'Jane Addams',
  'Helen Keller', 'Clara Barton', 'Susan B. Anthony', 'Elizabeth Cady Stanton', 'Abraham Lincoln', 'Ulysses S. Grant',
  'Benjamin Franklin', 'Thomas Edison', 'Nikola Tesla', 'Albert Einstein', 'Jonas Salk', 'Florence Nightingale',
  'Mark Twain', 'Jack London', 'John Steinbeck', 'Robert Frost', 'Emily Dickinson', 'Walt Whitman', 'Louisa May Alcott',
  'Gwendolyn Brooks', 'Toni Morrison', 'Sandra Cisneros', 'Gary Soto', 'Rudolfo Anaya', 'Ernesto Galarza',
  'Luisa Moreno', 'Bert Corona', 'Josefina Fierro', 'Vicki Draves', 'Sammy Lee', 'Philip Vera Cruz', 'Carlos Bulosan',
  'Patsy Mink', 'Daniel Inouye', 'Norman Mineta', 'Chiura Obata', 'Isamu Noguchi', 'Ansel Adams', 'Dorothea Lange',
  'Bessie Coleman', 'Tuskegee Airmen', 'Buffalo Soldiers', 'Juan Rodríguez Cabrillo', 'Junípero Serra Park',
  'Gregorio Esparza', 'Emma Tenayuca', 'Antonia Novello', 'Severo Ochoa', 'Mario Molina', 'Luis Álvarez',
  'Franklin D. Roosevelt', 'Dwight Eisenhower', 'John F. Kennedy', 'Robert F. Kennedy', 'Martin Luther King Jr.',
  'Coretta Scott King', 'Malcolm X', 'Medgar Evers', 'Shirley Chisholm', 'Barbara Jordan', 'Augustus Hawkins',
  'Roy Wilkins', 'Whitney Young', 'Bayard Rustin', 'Harvey Milk', 'Sally Ride Science', 'Amelia Earhart Aviation',
];

const PLACES: readonly string[] = [
  'Jacaranda', 'Sycamore', 'Magnolia', 'Palm', 'Figueroa', 'Vermont', 'Normandie', 'Western', 'Crenshaw', 'Olympic',
  'Pico', 'Hoover', 'Alvarado', 'Sunset', 'Arroyo', 'Chaparral', 'Manzanita', 'Mesa Verde', 'Canyon', 'Riverside',
  'Harbor View', 'Bay Vista', 'Ocean Breeze', 'Hillcrest', 'Valley View', 'Orchard', 'Citrus Grove', 'Olive',
  'Pepper Tree', 'Eucalyptus', 'Coral Tree', 'Cañada', 'Peñasco', 'Loma Alta', 'Vista del Mar', 'Rancho Verde',
  'Acacia', 'Birch', 'Cedar', 'Cypress', 'Elm', 'Hawthorne', 'Juniper', 'Laurel', 'Linden', 'Maple', 'Oak Park',
  'Pine', 'Poplar', 'Redwood', 'Walnut', 'Willow', 'Aloe', 'Bougainvillea', 'Camellia', 'Dahlia', 'Gardenia',
  'Hibiscus', 'Iris', 'Lantana', 'Marigold', 'Oleander', 'Poinsettia', 'Primrose', 'Sage', 'Toyon', 'Yucca',
  'Alta Loma', 'Buena Vista', 'Casa Blanca', 'El Camino', 'La Brea', 'Las Palmas', 'Los Feliz', 'Mar Vista',
  'Monte Vista', 'Paseo', 'Plaza', 'Sierra Vista', 'Alta Vista', 'Del Rey', 'Dos Caminos', 'Fair Oaks', 'Glen Alta',
  'Highland', 'Lakeside', 'Meadow', 'Mountain View', 'Park Avenue', 'Ridgeview', 'Riverbend', 'Seaside', 'Skyline',
  'Stonehurst', 'Sunnyside', 'Westwood', 'Whitecliff', 'Windward', 'Brookside', 'Cahuenga', 'Tujunga', 'Topanga',
  'Verdugo', 'Encino', 'Tarzana', 'Chatsworth', 'Cantara', 'Lanark', 'Saticoy', 'Sherman Way', 'Vanowen',
  'Victory', 'Burbank', 'Magnolia Park', 'Riverton', 'Hollenbeck', 'Soto', 'Evergreen', 'Fickett', 'Lorena',
  'Malabar', 'Breed', 'Ford Boulevard', 'Gates', 'Huntington', 'Main Street', 'Broadway', 'Central', 'Compton',
  'Hooper', 'Avalon', 'Manchester', 'Florence', 'Slauson', 'Gage', 'Nevin', 'Budlong', 'Denker', 'Menlo', 'Raymond',
  'Cimarron', 'Harvard', 'Wilton', 'Van Ness', 'Arlington', 'Saint Andrews', 'Gramercy', 'Kingsley', 'Berendo',
  'Catalina', 'Gaffey', 'Anaheim', 'Pacific', 'Meyler', 'Denni', 'Fries', 'Banning', 'Avalon Gardens', 'Point Fermin',
  'Cabrillo', 'Taper', 'Bandini', 'Leland', 'Dodson', 'Rolling Hills', 'Niños Unidos', 'Doña Emilia', 'Los Niños',
  'Montaña', 'Piñon', 'Mañana', 'Señora Mesa', 'Ybarra', 'Zamora',
];

const STREET_TYPES: readonly string[] = ['Avenue', 'Street', 'Boulevard', 'Drive', 'Park', 'Heights', 'Canyon', 'Place'];

/** A few hand-written names that make sure the files exercise CSV quoting and UTF-8. */
const SPECIAL_NAMES: readonly (readonly [SchoolType, string])[] = [
  ['high', 'Frederick Douglass Academy, Early College High'],
  ['elementary', 'Niños de la Paz Elementary'],
  ['middle', 'Bessie "Queen Bess" Coleman Aviation Middle'],
  ['span', 'Doña Rosa Villaseñor Span School'],
  ['elementary', 'Arts, Media & Technology Magnet Elementary'],
  ['option', 'Nuevo Día Continuation High'],
];

const OPTION_KINDS: readonly (readonly [OptionKind, number])[] = [
  ['continuation', 0.45],
  ['community_day', 0.15],
  ['opportunity', 0.1],
  ['independent_study', 0.15],
  ['alternative', 0.15],
];

const OPTION_SUFFIX: Record<OptionKind, string> = {
  continuation: 'Continuation High',
  community_day: 'Community Day School',
  opportunity: 'Opportunity High',
  independent_study: 'Independent Study Center',
  alternative: 'Alternative Education Center',
};

function gradesFor(rng: Rng, type: SchoolType, kind: OptionKind | undefined): [string, string] {
  switch (type) {
    case 'elementary':
      return rng.weighted<[string, string]>([[['TK', '5'], 0.7], [['K', '5'], 0.2], [['TK', '6'], 0.1]]);
    case 'middle':
      return ['6', '8'];
    case 'high':
      return ['9', '12'];
    case 'span':
      return rng.weighted<[string, string]>([[['K', '8'], 0.55], [['6', '12'], 0.3], [['TK', '12'], 0.15]]);
    case 'option':
      if (kind === 'community_day' || kind === 'alternative') return ['6', '12'];
      if (kind === 'opportunity') return ['7', '12'];
      if (kind === 'independent_study') return ['K', '12'];
      return ['9', '12'];
  }
}

function nameFor(rng: Rng, type: SchoolType, kind: OptionKind | undefined, lowGrade: string, highGrade: string): string {
  const usePerson = rng.chance(type === 'elementary' ? 0.3 : type === 'option' ? 0.35 : 0.6);
  const base = usePerson ? rng.pick(PEOPLE) : `${rng.pick(PLACES)}${type === 'elementary' && rng.chance(0.75) ? ` ${rng.pick(STREET_TYPES)}` : ''}`;
  switch (type) {
    case 'elementary':
      return `${base} Elementary`;
    case 'middle':
      return `${base} Middle`;
    case 'high':
      return `${base} ${rng.chance(0.5) ? 'Senior High' : 'High'}`;
    case 'span':
      if (lowGrade === 'TK' && highGrade === '12') return `${base} Learning Complex`;
      if (lowGrade === '6') return `${base} Secondary School`;
      return `${base} Span School`;
    case 'option':
      return `${base} ${OPTION_SUFFIX[kind ?? 'continuation']}`;
  }
}

function allocateCounts(total: number, shares: readonly (readonly [SchoolType, number])[]): Map<SchoolType, number> {
  const raw = shares.map(([t, s]) => ({ t, x: total * s }));
  const out = new Map<SchoolType, number>(raw.map(({ t, x }) => [t, Math.floor(x)]));
  let rest = total - [...out.values()].reduce((a, b) => a + b, 0);
  const order = raw.slice().sort((a, b) => b.x - Math.floor(b.x) - (a.x - Math.floor(a.x)));
  for (let i = 0; rest > 0; i = (i + 1) % order.length, rest--) {
    const t = (order[i] as { t: SchoolType }).t;
    out.set(t, (out.get(t) ?? 0) + 1);
  }
  return out;
}

function uniqueCode(rng: Rng, used: Set<string>): string {
  for (;;) {
    const band = rng.weighted<[number, number]>([[[6010000, 6139999], 0.6], [[1930000, 1999999], 0.25], [[100000, 139999], 0.15]]);
    const code = String(rng.int(band[0], band[1])).padStart(7, '0');
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
}

export interface SchoolOptions {
  seed: number;
  schools: number;
  firstYear: number;
  lastYear: number;
}

export function generateSchools(opts: SchoolOptions): School[] {
  const rng = new Rng(`${opts.seed}:schools`);
  const counts = allocateCounts(opts.schools, TYPE_SHARES);
  const types: SchoolType[] = [];
  for (const [t] of TYPE_SHARES) for (let i = 0; i < (counts.get(t) ?? 0); i++) types.push(t);
  const order = rng.shuffled(types);

  const usedCodes = new Set<string>();
  const usedNames = new Set<string>();
  const specials = SPECIAL_NAMES.slice();
  const schools: School[] = [];

  for (const type of order) {
    const kind = type === 'option' ? rng.weighted(OPTION_KINDS) : undefined;
    const [lowGrade, highGrade] = gradesFor(rng, type, kind);
    const region = rng.weighted(REGIONS.map((r) => [r, r.weight] as const));

    let name: string | undefined;
    const specialIndex = specials.findIndex(([t]) => t === type);
    if (specialIndex >= 0) {
      name = (specials[specialIndex] as readonly [SchoolType, string])[1];
      specials.splice(specialIndex, 1);
    }
    for (let tries = 0; name === undefined || usedNames.has(name); tries++) {
      name = tries < 60 ? nameFor(rng, type, kind, lowGrade, highGrade) : `${nameFor(rng, type, kind, lowGrade, highGrade)} No. ${tries - 58}`;
    }
    usedNames.add(name);

    const code = uniqueCode(rng, usedCodes);
    const street = `${rng.pick(PLACES)} ${rng.pick(STREET_TYPES.filter((s) => s !== 'Park' && s !== 'Heights' && s !== 'Canyon'))}`;
    const lat = rng.range(region.lat[0], region.lat[1]);
    const lon = rng.range(region.lon[0], region.lon[1]);
    schools.push({
      code,
      cds: `${DISTRICT.countyCode}${DISTRICT.districtCode}${code}`,
      name,
      type,
      optionKind: kind,
      lowGrade,
      highGrade,
      region: region.name,
      address: `${rng.int(100, 19999)} ${street}`,
      city: rng.pick(region.cities),
      zip: String(rng.int(region.zips[0], region.zips[1])).padStart(5, '0'),
      latE6: Math.round(lat * 1e6),
      lonE6: Math.round(lon * 1e6),
      opened: rng.chance(0.12) ? rng.int(1990, Math.max(1990, opts.firstYear - 1)) : undefined,
      closed: undefined,
      size: Math.exp(rng.normal(0, type === 'option' ? 0.45 : 0.33)),
      affluence: rng.normal(region.affluence, 1),
    });
  }

  // A handful of schools open or close within the period.
  if (opts.lastYear > opts.firstYear) {
    const opening = Math.max(1, Math.round(opts.schools * 0.015));
    const closing = Math.max(1, Math.round(opts.schools * 0.01));
    const candidates = rng.shuffled(schools.filter((s) => s.type !== 'option'));
    for (const s of candidates.slice(0, opening)) s.opened = rng.int(opts.firstYear + 1, opts.lastYear);
    for (const s of candidates.slice(opening, opening + closing)) s.closed = rng.int(opts.firstYear, opts.lastYear - 1);
  }

  return schools.sort((a, b) => (a.code < b.code ? -1 : 1));
}

export function isOpen(school: School, fy: number): boolean {
  return (school.opened === undefined || fy >= school.opened) && (school.closed === undefined || fy <= school.closed);
}

function formatE6(v: number): string {
  const neg = v < 0;
  const a = Math.abs(v);
  const whole = Math.floor(a / 1e6);
  return `${neg ? '-' : ''}${whole}.${String(a - whole * 1e6).padStart(6, '0')}`;
}

export const SCHOOL_HEADER =
  'school_code,cds_code,name,type,low_grade,high_grade,region,address,city,zip,latitude,longitude,opened,closed,charter';

export function schoolRow(s: School): string {
  return csvLine([
    s.code,
    s.cds,
    s.name,
    s.type,
    s.lowGrade,
    s.highGrade,
    s.region,
    s.address,
    s.city,
    s.zip,
    formatE6(s.latE6),
    formatE6(s.lonE6),
    s.opened === undefined ? '' : fyLabel(s.opened),
    s.closed === undefined ? '' : fyLabel(s.closed),
    'N',
  ]);
}

/** SACS goal for a school's regular program. */
export function programGoal(s: School): string {
  if (s.type !== 'option') return '1110';
  switch (s.optionKind) {
    case 'continuation':
      return '3200';
    case 'community_day':
      return '3550';
    case 'opportunity':
      return '3400';
    case 'independent_study':
      return '3300';
    default:
      return '3100';
  }
}

const GRADE_ORDER = ['TK', 'K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'];

/** Grades served, as indexes into TK..12. */
export function gradeIndexes(s: School): number[] {
  const lo = GRADE_ORDER.indexOf(s.lowGrade);
  const hi = GRADE_ORDER.indexOf(s.highGrade);
  const out: number[] = [];
  for (let i = lo; i <= hi; i++) out.push(i);
  return out;
}

/** Share of a school's students in the grades the state tests in ELA and math (3–8 and 11). */
export function testedShare(s: School): number {
  const grades = gradeIndexes(s);
  const tested = grades.filter((i) => {
    const g = GRADE_ORDER[i] as string;
    return ['3', '4', '5', '6', '7', '8', '11'].includes(g);
  });
  return grades.length === 0 ? 0 : tested.length / grades.length;
}
