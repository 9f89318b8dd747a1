/**
 * Every problem the pipeline and the staff file checker report, in one place: a stable rule id (the
 * problem's "code"), whether the rule needs one file or the whole release, what it checks in plain words,
 * and the templates of its "expected" and "found" texts. Both sides build their messages from here, so a
 * wording changed here changes in the validation report and in the checker alike.
 *
 * The templates are flat keys with `{{name}}` placeholders, the format of src/i18n/messages/, so they can
 * move into a translation namespace later; for now they are English only. No Node APIs here.
 */
import { interpolate, type Vars } from '../i18n/translate.ts';
import { lit } from './sql.ts';

/**
 * `file`: decided from one file alone (the checker reports it). `release`: needs other files of the input
 * folder (the checker says it is checked when publishing).
 */
export type RuleScope = 'file' | 'release';

export interface RuleInfo {
  scope: RuleScope;
  /** What the rule checks, for people: the checker page lists these. */
  about: string;
}

export const RULES = {
  // Reading the file
  encoding: { scope: 'file', about: 'The file is UTF-8 text (with or without a byte-order mark). Other bytes are read as Windows-1252, what Excel on Windows writes, with a warning to check accented names.' },
  emptyFile: { scope: 'file', about: 'The file is not empty.' },
  noHeader: { scope: 'file', about: 'The file starts with a header row.' },
  separator: { scope: 'file', about: 'Values are separated by commas. A file separated by semicolons, tabs or pipes is refused, naming the separator found.' },
  duplicateColumn: { scope: 'file', about: 'Each column name appears once (case, spaces and punctuation ignored).' },
  headerNotFirst: { scope: 'file', about: 'The header is on line 1 (blank lines before it are a warning).' },
  // Lines
  tooFewFields: { scope: 'file', about: 'Every line has as many fields as the header (a truncated line is refused).' },
  tooManyFields: { scope: 'file', about: 'No line has more fields than the header (an unquoted comma in a value splits it).' },
  unclosedQuote: { scope: 'file', about: 'Every quoted value is closed by a double quote, with nothing after the closing quote.' },
  lineTooLong: { scope: 'file', about: 'No line is longer than 2,000,000 bytes.' },
  invalidBytes: { scope: 'file', about: 'Every line is valid text.' },
  malformedLine: { scope: 'file', about: 'Every line is a well-formed CSV line.' },
  readError: { scope: 'file', about: 'The file can be read as CSV.' },
  tooManyProblems: { scope: 'file', about: 'The validation report lists the first 200 lines with problems in a file and counts the rest.' },
  // Columns
  sacsHeader: { scope: 'file', about: 'A SACS export has the header of one of the two SACS layouts (UserGL or the older annual-database layout).' },
  missingColumn: { scope: 'file', about: 'Every required column of the layout is there, found by name in any order.' },
  extraColumns: { scope: 'file', about: 'Columns the layout does not have are ignored, with a warning.' },
  frpmHeader: { scope: 'file', about: 'A state file has the columns of a layout the portal reads (the CDE Free or Reduced Price Meals file).' },
  unknownLayout: { scope: 'file', about: 'A file on its own is recognised by its header as one of the layouts the portal reads (a SACS export, a code list, schools, allocations, enrollment, outcomes, the state FRPM file).' },
  codeListName: { scope: 'file', about: "A code list is named as the state names it (ref_fund_codes.csv, ref_resource_codes.csv, …): the name says which codes it lists." },
  // Values
  emptyValue: { scope: 'file', about: 'Required values are not empty.' },
  invalidValue: { scope: 'file', about: "Every value has its column's type: codes of the right width, counts, percentages, names from the allowed list." },
  sacsCode: { scope: 'file', about: 'SACS codes have their width (fund 2, resource 4, project year 1, goal 4, function 4, object 4); short all-digit codes are padded with zeros and spaces are trimmed first.' },
  amount: { scope: 'file', about: 'Amounts are exact to the cent: 1234, -1234.5, 1,234.56, (1,234.56), $1,234.56 and zeros past the cents are read; text, an empty amount, 1.234, 1e6 are refused, never guessed.' },
  accountString: { scope: 'file', about: 'The 19-character account string is exactly its codes (fund, resource, project year, goal, function, object).' },
  submissionId: { scope: 'file', about: 'Every UserGL line names its submission.' },
  cdsCode: { scope: 'file', about: "The district's CDS code has 14 digits." },
  fiscalYear: { scope: 'file', about: 'Fiscal years are written 2023-24 (or 2023-2024; 2023 in the older SACS layout); the second year follows the first, between 1990 and 2100.' },
  reportingPeriod: { scope: 'file', about: 'Reporting periods are BS1, BS2, I1, I2 or A.' },
  columnCode: { scope: 'file', about: 'Column codes are BB, BE, BA, IO, IB, IA or IP.' },
  periodColumn: { scope: 'file', about: 'Each line\'s column code is one its reporting period carries (BS1/BS2: BB, BE; I1/I2: IO, IB, IA, IP; A: BA, BB).' },
  onePeriodPerSubmission: { scope: 'file', about: 'A submission has one reporting period.' },
  noDataRows: { scope: 'file', about: 'A SACS export has at least one account line.' },
  noRows: { scope: 'file', about: 'An optional file with a header and no rows is read as nothing, with a warning.' },
  duplicateKey: { scope: 'file', about: 'No two lines of a file have the same key (for SACS: submission, fiscal year, column code and account string), checked once the lines are valid.' },
  countOverEnrollment: { scope: 'file', about: 'No student-group count is larger than the enrollment.' },
  codeListCode: { scope: 'file', about: 'Code-list codes have the width of their list.' },
  codeListTitle: { scope: 'file', about: 'Every code in a code list has a title.' },
  codeListDuplicate: { scope: 'file', about: 'A code listed twice in a code list is a warning (the first title is used).' },
  districtJson: { scope: 'file', about: 'district.json is valid JSON.' },
  districtName: { scope: 'file', about: 'district.json names the district.' },
  // The whole release
  noInputFolder: { scope: 'release', about: 'The input folder exists.' },
  noSacsFiles: { scope: 'release', about: 'The input folder has at least one SACS export in sacs/.' },
  oneSubmissionPerPeriod: { scope: 'release', about: 'There is one submission per reporting period and year (remove a superseded one).' },
  oneDistrict: { scope: 'release', about: "Every SACS export is from the same district." },
  duplicateKeyAcrossFiles: { scope: 'release', about: 'No line repeats the key of a line in another file of the same kind.' },
  schoolsMissing: { scope: 'release', about: 'Allocations, enrollment and outcomes come with schools.csv, the directory their school codes refer to.' },
  schoolReference: { scope: 'release', about: 'Every school code in allocations, enrollment and outcomes is in schools.csv.' },
  frpmUnused: { scope: 'release', about: 'A state FRPM file is read only when there is no enrollment.csv.' },
  frpmOtherRows: { scope: 'release', about: "Only the district's own rows of a state FRPM file, for schools in schools.csv, are read; the others are counted in a warning." },
  codeListFolder: { scope: 'release', about: 'Code-list folders are named by fiscal year (code-lists/2023-24/).' },
  codeListMissing: { scope: 'release', about: "Each code-list year has the state's five lists." },
  noCodeLists: { scope: 'release', about: "There is at least one year's code lists." },
  unknownCode: { scope: 'release', about: "Codes missing from the year's code list (or the nearest year's) are kept, titled \"unknown code\", with a warning." },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

/** The message templates: `<rule>.expected`, `<rule>.found`, and the wording of field types (`type.*`). */
export const MESSAGES = {
  'encoding.expected': 'UTF-8 text',
  'encoding.found': 'bytes that are not UTF-8; read as Windows-1252 (check accented names)',
  'emptyFile.expected': 'a header row followed by data rows',
  'emptyFile.found': 'an empty file',
  'noHeader.expected': 'a header row',
  'noHeader.found': 'no complete header line',
  'separator.expected': 'comma-separated values (re-export the file as CSV)',
  'separator.found': 'a header separated by {{name}} ({{count}} of them)',
  'separator.semicolons': 'semicolons',
  'separator.tabs': 'tabs',
  'separator.pipes': 'pipes',
  'duplicateColumn.expected': 'each column name once',
  'duplicateColumn.found': '{{name}} twice',
  'headerNotFirst.expected': 'the header on line 1',
  'headerNotFirst.found': '{{count}} blank line(s) before it',

  'tooFewFields.expected': '{{count}} fields, as in the header',
  'tooFewFields.found': '{{found}} fields (a truncated or short line)',
  'tooFewFields.fewer': 'fewer',
  'tooManyFields.expected': '{{count}} fields, as in the header',
  'tooManyFields.found': '{{found}} fields (an unquoted comma in a value, or another separator)',
  'tooManyFields.more': 'more',
  'unclosedQuote.expected': 'a quoted value closed by a double quote',
  'unclosedQuote.found': 'a quote that is never closed, or text after the closing quote: {{line}}',
  'lineTooLong.expected': 'lines shorter than {{max}} bytes',
  'lineTooLong.found': 'a longer line',
  'invalidBytes.expected': 'UTF-8 text',
  'invalidBytes.found': 'invalid byte sequences',
  'malformedLine.expected': 'a well-formed CSV line',
  'readError.expected': 'readable CSV files',
  'readError.found': 'an error from the CSV reader: {{message}}',
  'tooManyProblems.expected': 'valid rows',
  'tooManyProblems.found': '{{total}} rows with problems in this file; the first {{listed}} are listed',

  'sacsHeader.expected': 'the header of a SACS export (UserGL: {{usergl}}, … or the older layout: {{legacy}}, …)',
  'missingColumn.sacs': 'a column {{column}} ({{layout}})',
  'missingColumn.table': 'a column {{column}} ({{layout}}, see data/README.md)',
  'missingColumn.codeList': 'a column {{column}} (code lists have Code,Title)',
  'missingColumn.found': 'no such column',
  'extraColumns.expected': 'only the columns of the {{layout}}',
  'extraColumns.found': 'extra columns, ignored: {{columns}}',
  'frpmHeader.expected': 'a state file in a layout the portal reads: the {{layout}} ({{columns}})',
  'frpmHeader.found': 'no column {{missing}}',
  'unknownLayout.expected': 'the header of a file the portal reads (SACS export, code list, schools, allocations, enrollment, outcomes, CDE FRPM; see data/README.md)',
  'codeListName.expected': "one of the state's code-list file names ({{names}})",

  'accountString.expected': 'the {{length}}-character account string made of its codes (fund, resource, project year, goal, function, object)',
  'accountString.found': '"{{account}}", but its codes make {{codes}}',
  'sacsCode.expected': 'a {{width}}-character {{what}} code',
  'submissionId.expected': 'a submission id',
  'cdsCode.expected': 'a 14-digit CDS code',
  'reportingPeriod.expected': 'a reporting period: {{periods}}',
  'columnCode.expected': 'a column code: {{codes}}',
  'periodColumn.expected': 'a column code that the reporting period carries ({{pairs}})',
  'periodColumn.found': '"{{column}}" in {{article}} {{period}} submission',
  'onePeriodPerSubmission.expected': 'one reporting period per submission ({{submission}})',
  'noDataRows.expected': 'at least one account line after the header',
  'noDataRows.found': 'no data rows',
  'noRows.expected': 'data rows after the header',
  'noRows.found': 'none; nothing read from this file',
  'duplicateKey.expected': 'one line per {{what}}',
  'duplicateKey.found': 'a duplicate ({{key}}) of line {{line}}',
  'duplicateKeyAcrossFiles.found': 'a duplicate ({{key}}) of line {{line}} of {{file}}',
  'countOverEnrollment.expected': 'a count no larger than enrollment',
  'countOverEnrollment.found': '"{{count}}", more than the enrollment of {{enrollment}}',
  'codeListCode.expected': 'a SACS code of the right width for this list',
  'codeListTitle.expected': 'a title',
  'codeListDuplicate.expected': 'each code once',
  'codeListDuplicate.found': '{{code}} again; the first title is used',
  'districtJson.expected': 'valid JSON such as {"name": "…"}',
  'districtName.expected': 'the district name as text',

  'noInputFolder.expected': 'an input folder with sacs/ and code-lists/ (see data/README.md)',
  'noInputFolder.found': 'no such folder',
  'noSacsFiles.expected': 'at least one SACS export (.csv) in sacs/',
  'noSacsFiles.found': 'none',
  'oneSubmissionPerPeriod.expected': 'one submission per reporting period and year ({{period}} {{year}})',
  'oneSubmissionPerPeriod.found': 'submissions {{first}} ({{firstFiles}}) and {{second}} ({{secondFiles}}); remove the superseded one',
  'oneDistrict.expected': "one district's SACS exports",
  'oneDistrict.found': 'files from {{count}} districts: {{districts}}',
  'schoolsMissing.expected': 'schools.csv, the directory its school codes refer to',
  'schoolsMissing.found': 'no schools.csv in the input folder',
  'schoolReference.expected': 'a school in schools.csv',
  'frpmUnused.expected': 'a state FRPM file only when there is no enrollment.csv',
  'frpmUnused.found': 'an enrollment.csv too; this file is not used',
  'frpmOtherRows.expected': "rows for this district's schools in schools.csv{{district}}",
  'frpmOtherRows.district': ' (CDS {{cds}})',
  'frpmOtherRows.found': '{{count}} rows for other schools or districts (charters, closed schools); not used',
  'codeListFolder.expected': 'a folder named by fiscal year, such as 2023-24',
  'codeListMissing.expected': "the state's {{dimension}} code list {{name}} in code-lists/{{year}}/",
  'codeListMissing.found': 'no such file',
  'noCodeLists.expected': "at least one fiscal year's SACS code lists (code-lists/2023-24/ref_fund_codes.csv, …)",
  'noCodeLists.found': 'no code lists',
  'unknownCode.expected': '{{article}} {{dimension}} code in the {{listYear}}{{nearest}} code list',
  'unknownCode.nearest': ' (nearest to {{year}})',
  'unknownCode.found': '{{code}}, kept and labelled "{{unknown}}"',
  'unknownCode.title': 'unknown code',

  'type.fiscalYear': 'a fiscal year like 2023-24 (first year 1990–2100, second year the next one)',
  'type.fiscalYearOrStart': '{{expected}}, or its first year (2023)',
  'type.digits': 'a {{width}}-digit code',
  'type.amount': 'an amount in dollars such as 1234.56, -1,234.56 or (1,234.56), exact to the cent',
  'type.amountTooLarge': 'an amount below 10^{{digits}} dollars',
  'type.decimal': '{{what}} (a number from {{min}} to {{max}}, at most {{scale}} decimal places)',
  'type.count': '{{what}} (0 or more)',
  'type.students': 'a whole number of students',
  'type.coordinate': 'decimal degrees between {{min}} and {{max}}',
  'type.oneOf': 'one of {{values}}',
  'type.text': 'text of at most {{max}} characters',
  'type.schoolCode': 'a 7-digit school code',
  'type.schoolCodeCds': 'a 7-digit school code (the school part of the CDS code)',
  'type.cdsCode': 'a 14-digit CDS code',
  'type.zip': 'a ZIP code',
  'type.fte': 'full-time equivalents',
  'type.needIndex': 'a need index',
  'type.percentage': 'a percentage',

  'value.empty': 'nothing (empty)',
} as const;

export type MessageKey = keyof typeof MESSAGES;

/** A message with its placeholders filled. */
export function msg(key: MessageKey, vars?: Vars): string {
  return interpolate(MESSAGES[key], vars);
}

/**
 * SQL twin of msg(): the template as an SQL string expression, each `{{name}}` replaced by the SQL
 * expression `sql[name]` (the pipeline builds per-line messages in DuckDB from the same template).
 */
export function msgSql(key: MessageKey, sql: Record<string, string>): string {
  const parts = MESSAGES[key].split(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/);
  return parts.map((p, i) => (i % 2 === 0 ? (p === '' ? '' : lit(p)) : `(${sql[p] ?? lit(`{{${p}}}`)})`)).filter(Boolean).join(' || ');
}

/** Quote a found value for a message, shortening very long ones. */
export function shown(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return MESSAGES['value.empty'];
  const v = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return JSON.stringify(v);
}

/** The parts of a problem the rules produce: which rule, what was expected, what was found. */
export interface ProblemText {
  rule: RuleId;
  column?: string;
  expected: string;
  found: string;
}

/** The rules one file cannot decide: the checker names them as "checked when publishing". */
export const RELEASE_RULES = (Object.keys(RULES) as RuleId[]).filter((id) => RULES[id].scope === 'release');
