/**
 * The budget ideas Ask knows by name, each defined once as filters of the query layer. What people call
 * them (in every language) lives in the messages (`ask.terms.<id>`: "special education|special ed|…"),
 * their plain label in `ask.label.<id>`; this table says what they mean in SACS codes, so the answer can
 * say exactly what it counted ("Special education = goals 5000–5999"). Code ranges are resolved against
 * the codes the release actually uses (a filter lists values, never a range). No Node APIs.
 */
import type { Dimension } from '../query/spec.ts';

/** One dimension's part of a concept: exact codes, or an inclusive range of 4-digit codes. */
export type ConceptFilter = { codes: string[] } | { range: [string, string] };

export interface Concept {
  id: string;
  filters: Partial<Record<Dimension, ConceptFilter>>;
  /** Revenue concepts count money coming in (object class revenue) instead of spending. */
  flow?: 'revenue';
}

const codes = (...c: string[]): ConceptFilter => ({ codes: c });
const range = (lo: string, hi: string): ConceptFilter => ({ range: [lo, hi] });

/** Longer and more specific names are matched first, so order here does not matter. */
export const CONCEPTS: readonly Concept[] = [
  { id: 'specialEducation', filters: { goal: range('5000', '5999') } },
  { id: 'titleI', filters: { resource: codes('3010') } },
  { id: 'titleII', filters: { resource: codes('4035') } },
  { id: 'titleIII', filters: { resource: codes('4201', '4203') } },
  { id: 'titleIV', filters: { resource: codes('4124', '4127') } },
  { id: 'covidRelief', filters: { resource: range('3210', '3220') } },
  { id: 'teacherPay', filters: { object: codes('1100') } },
  { id: 'salaries', filters: { object_group: codes('certificated_salaries', 'classified_salaries') } },
  { id: 'certificatedSalaries', filters: { object_group: codes('certificated_salaries') } },
  { id: 'classifiedSalaries', filters: { object_group: codes('classified_salaries') } },
  { id: 'benefits', filters: { object_group: codes('employee_benefits') } },
  { id: 'salariesBenefits', filters: { object_group: codes('certificated_salaries', 'classified_salaries', 'employee_benefits') } },
  { id: 'booksSupplies', filters: { object_group: codes('books_supplies') } },
  { id: 'services', filters: { object_group: codes('services_operating') } },
  { id: 'capitalOutlay', filters: { object_group: codes('capital_outlay') } },
  { id: 'otherOutgo', filters: { object_group: codes('other_outgo') } },
  { id: 'instruction', filters: { function: range('1000', '1999') } },
  { id: 'schoolSites', filters: { function: range('1000', '3999') } },
  { id: 'centralOffice', filters: { function: range('7000', '7999') } },
  { id: 'facilities', filters: { function: range('8000', '8999') } },
  { id: 'maintenance', filters: { function: range('8100', '8400') } },
  { id: 'construction', filters: { function: codes('8500') } },
  { id: 'transportation', filters: { function: codes('3600') } },
  { id: 'foodServices', filters: { function: codes('3700') } },
  { id: 'counseling', filters: { function: codes('3110') } },
  { id: 'health', filters: { function: codes('3140') } },
  { id: 'psychologists', filters: { function: codes('3120') } },
  { id: 'libraries', filters: { function: codes('2420') } },
  { id: 'schoolAdministration', filters: { function: codes('2700') } },
  { id: 'athletics', filters: { function: codes('4200') } },
  { id: 'security', filters: { function: codes('8300') } },
  { id: 'careerTechnical', filters: { goal: codes('3800') } },
  { id: 'adultEducation', filters: { fund: codes('11') } },
  { id: 'childDevelopment', filters: { fund: codes('12') } },
  { id: 'generalFund', filters: { fund: codes('01') } },
  { id: 'afterSchool', filters: { resource: codes('2600', '6010', '4124') } },
  { id: 'artsMusic', filters: { resource: codes('6762', '6770') } },
  { id: 'lottery', filters: { resource: codes('1100', '6300') } },
  { id: 'englishLearners', filters: { resource: codes('4203') } },
  { id: 'restricted', filters: { restricted: codes('true') } },
  { id: 'unrestricted', filters: { restricted: codes('false') } },
  { id: 'lcff', filters: { object_group: codes('lcff') }, flow: 'revenue' },
  { id: 'federalRevenue', filters: { object_group: codes('federal') }, flow: 'revenue' },
  { id: 'stateRevenue', filters: { object_group: codes('other_state') }, flow: 'revenue' },
  { id: 'localRevenue', filters: { object_group: codes('other_local') }, flow: 'revenue' },
];

/**
 * Words Ask can define (`ask.define.<id>`, recognised by `ask.terms.<id>` or a concept's terms).
 * A topic that is also a concept ("Title I") is defined when the question asks what it is, and counted
 * when it asks how much.
 */
export const TOPICS: readonly string[] = [
  'needIndex', 'perPupil', 'actuals', 'adoptedBudget', 'revisedBudget', 'budgetVsActual', 'restricted', 'unrestricted',
  'titleI', 'lcff', 'fte', 'sacs', 'resourceCode', 'goalCode', 'functionCode', 'objectCode', 'fund', 'generalFund',
  'centralOffice', 'specialEducation', 'weightedStudentFunding', 'fiscalYear', 'allocation', 'covidRelief',
];

/**
 * Glossary entries (src/i18n/messages/<locale>/glossary.json, `<id>.term` and `<id>.definition`) that are
 * the same idea as one of Ask's concepts or topics. Any other glossary term can be defined, but a question
 * that asks for money about it ("how much does the district spend on audits?") is not understood.
 */
export const GLOSSARY_ALIASES: Readonly<Record<string, string>> = {
  unauditedActuals: 'actuals', esser: 'covidRelief', resource: 'resourceCode', goal: 'goalCode', function: 'functionCode', object: 'objectCode',
  booksAndSupplies: 'booksSupplies', servicesAndOperations: 'services', employeeBenefits: 'benefits', englishLearner: 'englishLearners',
  studentsWithDisabilities: 'specialEducation',
};

/** Glossary terms that may appear in a question about money without changing what is counted. */
export const GLOSSARY_CONTEXT: ReadonlySet<string> = new Set([
  'estimatedActuals', 'fiscalYear', 'revenue', 'objectGroup', 'enrollment', 'region', 'dataRelease', 'columnCode', 'variance', 'sacs', 'accountString',
  'budgetCycle', 'submission', 'interimReport', 'allocationBasis', 'sampleData', 'similarSchools', 'needBand',
]);

export function conceptById(id: string): Concept | undefined {
  return CONCEPTS.find((c) => c.id === id);
}
