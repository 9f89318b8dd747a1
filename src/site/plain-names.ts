// Plain-language names for SACS codes, shown beside the state's official titles on the Budget pages.
//
// Hand-written and deliberately short: the funds, the most common resources (programs and funding
// sources), goals, functions and object groups. A code without an entry here simply shows its official
// title. English only for now: every string a reader sees in a plain name lives in this one module, so
// that the translation work has one place to start.

export type Dimension = "fund" | "resource" | "goal" | "function" | "object_group";

/** Funds (SACS fund codes). */
export const FUND_NAMES: Readonly<Record<string, string>> = {
  "01": "Main operating fund: schools and day-to-day costs",
  "08": "Money raised by student clubs and activities",
  "09": "Charter schools run by the district",
  "10": "Special education pass-through to partner agencies",
  "11": "Adult education classes",
  "12": "Preschool and child care",
  "13": "School meals",
  "14": "Major repairs of school buildings",
  "15": "Pupil transportation equipment",
  "17": "Savings set aside for the future",
  "18": "Deferred maintenance and school bus replacement",
  "19": "Foundation funds (restricted gifts)",
  "20": "Savings for retiree benefits",
  "21": "School construction paid for by local bonds",
  "25": "School construction paid for by developer fees",
  "30": "State school building program",
  "35": "School construction with state matching funds",
  "40": "Savings for buildings and major equipment",
  "49": "Building projects of Mello-Roos districts",
  "51": "Repaying voter-approved school bonds",
  "52": "Repaying bonds of special financing districts",
  "53": "Repaying state school building loans",
  "56": "Repaying other long-term debt",
  "57": "Foundation endowments",
  "61": "Cafeteria run as a business",
  "62": "Charter schools run as a business",
  "63": "Other businesses the district runs",
  "66": "Services sold to other agencies and the public",
  "67": "The district's own insurance plans",
  "71": "Retiree benefit trust",
  "73": "Foundation trust (private purpose)",
  "76": "Payroll money held for others (warrants and pass-through)",
  "95": "Money held for student groups",
};

/** Resources: programs and funding sources. */
export const RESOURCE_NAMES: Readonly<Record<string, string>> = {
  "0000": "General money the board can spend on anything",
  "1100": "State lottery, any purpose",
  "1400": "State sales and income tax measure (Prop 30/55) for classrooms",
  "2600": "After-school and summer programs (ELO-P)",
  "3010": "Federal money for schools with many low-income students (Title I)",
  "3210": "Federal COVID relief, first round (ESSER I)",
  "3212": "Federal COVID relief, second round (ESSER II)",
  "3213": "Federal COVID relief, third round (ESSER III)",
  "3214": "Federal COVID relief for learning loss (ESSER III)",
  "3310": "Federal special education grant (IDEA)",
  "3315": "Federal special education for preschoolers (IDEA)",
  "3550": "Federal career and technical education grant (Perkins)",
  "4035": "Federal money for training and keeping good teachers (Title II)",
  "4124": "Federal after-school learning centers (Title IV, 21st Century)",
  "4127": "Federal money for student support and enrichment (Title IV)",
  "4201": "Federal help for immigrant students (Title III)",
  "4203": "Federal help for English learners (Title III)",
  "5310": "Federal school meals (lunch and breakfast)",
  "5640": "Medi-Cal reimbursement for health services to students",
  "6010": "State after-school program (ASES)",
  "6105": "State preschool",
  "6266": "State grant for teacher and staff training (Educator Effectiveness)",
  "6300": "State lottery for textbooks and instructional materials",
  "6387": "State career and technical education grant",
  "6391": "State adult education program",
  "6500": "State special education money",
  "6762": "State grant for arts, music and instructional materials",
  "6770": "Arts and music in schools (Prop 28)",
  "7399": "Extra state money for the highest-need schools (Equity Multiplier)",
  "7412": "State grant to help students qualify for college (A-G)",
  "7413": "State grant for college-course learning loss (A-G)",
  "7425": "State grant for summer school and extra learning time (ELO)",
  "7435": "State grant for learning recovery after COVID",
  "7690": "State's payment into teachers' pensions (recorded, not spent by the district)",
  "8150": "Money the district must set aside for building upkeep",
  "9010": "Other local grants and donations for a set purpose",
};

/** Goals: whom the money serves. Exact codes first, then ranges (see goalName). */
export const GOAL_NAMES: Readonly<Record<string, string>> = {
  "0000": "Not assigned to one group of students (district-wide)",
  "0001": "Preschool (regular)",
  "1110": "Regular classes, kindergarten to 12th grade",
  "3100": "Alternative schools",
  "3200": "Continuation high schools",
  "3300": "Independent study",
  "3400": "Opportunity schools",
  "3550": "Community day schools",
  "3800": "Career and technical education (job skills)",
  "4110": "Adult education",
  "4610": "Adult career and technical education",
  "4760": "Bilingual education",
  "4850": "Migrant education",
  "5001": "Special education (all ages)",
  "5710": "Special education for infants",
  "5730": "Special education for preschoolers",
  "5750": "Special education, ages 5 to 22, severe disabilities",
  "5760": "Special education, ages 5 to 22",
  "5770": "Special education for young adults (ages 19–22)",
  "6000": "Regional occupational centers (job training)",
  "7110": "Other costs, not for one group of students (educational)",
  "7150": "Other costs, not for one group of students",
  "8100": "Community services",
  "8500": "Child care",
};

const GOAL_RANGES: readonly (readonly [string, string, string])[] = [
  ["1000", "2999", "Regular classes"],
  ["3000", "3999", "Alternative and career programs"],
  ["4000", "4999", "Adult and supplemental programs"],
  ["5000", "5999", "Special education"],
  ["6000", "6999", "Job training"],
  ["7000", "7999", "Not for one group of students"],
  ["8000", "8999", "Community services and child care"],
];

/** Functions: what the money does. Exact codes first, then ranges (see functionName). */
export const FUNCTION_NAMES: Readonly<Record<string, string>> = {
  "1000": "Teaching in the classroom",
  "1110": "Special education classes",
  "1120": "Special education resource teachers",
  "1130": "Special education aides in regular classrooms",
  "1180": "Special education at outside schools and agencies",
  "1190": "Other special education instruction",
  "2100": "Supervising and planning instruction",
  "2110": "Supervising instruction",
  "2120": "Research on teaching",
  "2130": "Curriculum development",
  "2140": "Teacher training",
  "2150": "Running grant-funded programs",
  "2200": "Regional special education office (SELPA)",
  "2420": "Libraries and classroom technology",
  "2490": "Other instructional resources",
  "2495": "Parent involvement",
  "2700": "Principals and school offices",
  "3110": "Counselors",
  "3120": "School psychologists",
  "3130": "Attendance and social workers",
  "3140": "School nurses and health services",
  "3150": "Speech and hearing services",
  "3160": "Student testing",
  "3600": "School buses and student transportation",
  "3700": "School meals",
  "3900": "Other student services",
  "4100": "Clubs and other school activities",
  "4200": "School sports",
  "4900": "Other activities",
  "5000": "Community services",
  "5100": "Community recreation",
  "5400": "Civic services",
  "5900": "Other community services",
  "6000": "Business-type activities",
  "7100": "School board and superintendent",
  "7110": "School board",
  "7150": "Superintendent's office",
  "7180": "Public information",
  "7190": "Outside audit",
  "7191": "Outside audit",
  "7200": "Other central administration",
  "7210": "Overhead charged to programs",
  "7300": "Accounting, budget and payroll",
  "7400": "Human resources",
  "7500": "Central support",
  "7510": "Planning, research and evaluation",
  "7530": "Purchasing",
  "7540": "Warehouse and delivery",
  "7550": "Printing",
  "7600": "All other central administration",
  "7700": "Central computer systems",
  "8100": "Building maintenance and operations",
  "8110": "Building repairs and maintenance",
  "8200": "Custodians and utilities",
  "8300": "School safety and security",
  "8400": "Other building operations",
  "8500": "Building and buying school facilities",
  "8700": "Renting buildings",
  "9100": "Paying back loans and bonds",
  "9200": "Payments to other school agencies",
  "9300": "Transfers between the district's funds",
};

const FUNCTION_RANGES: readonly (readonly [string, string, string])[] = [
  ["1000", "1999", "Teaching"],
  ["2000", "2999", "Support for teaching and school leadership"],
  ["3000", "3999", "Student services"],
  ["4000", "4999", "School activities"],
  ["5000", "5999", "Community services"],
  ["6000", "6999", "Business-type activities"],
  ["7000", "7999", "Central administration"],
  ["8000", "8999", "Buildings and grounds"],
  ["9000", "9999", "Debt and transfers"],
];

/** Object groups (the release's object_group): what was bought. */
export const OBJECT_GROUP_NAMES: Readonly<Record<string, { name: string; official: string; objects: string }>> = {
  certificated_salaries: { name: "Pay for teachers, counselors and principals", official: "Certificated Salaries", objects: "1000–1999" },
  classified_salaries: { name: "Pay for aides, drivers, custodians and office staff", official: "Classified Salaries", objects: "2000–2999" },
  employee_benefits: { name: "Pensions, health care and payroll taxes", official: "Employee Benefits", objects: "3000–3999" },
  books_supplies: { name: "Books, supplies and food", official: "Books and Supplies", objects: "4000–4999" },
  services_operating: { name: "Contracts, utilities, insurance and travel", official: "Services and Other Operating Expenditures", objects: "5000–5999" },
  capital_outlay: { name: "Land, buildings and major equipment", official: "Capital Outlay", objects: "6000–6999" },
  other_outgo: { name: "Tuition, pass-through payments and debt payments", official: "Other Outgo", objects: "7000–7499" },
};

function inRange(code: string, ranges: readonly (readonly [string, string, string])[]): string | null {
  if (!/^\d{4}$/.test(code)) return null;
  for (const [lo, hi, name] of ranges) if (code >= lo && code <= hi) return name;
  return null;
}

/** The plain name of a resource, or null. Other local grants (9000–9999) share one name. */
export function resourceName(code: string): string | null {
  return RESOURCE_NAMES[code] ?? (/^9\d{3}$/.test(code) ? RESOURCE_NAMES["9010"]! : null);
}

/** The plain name of a goal: its own, else its range's ("Special education" for any 5xxx), else null. */
export function goalName(code: string): string | null {
  return GOAL_NAMES[code] ?? inRange(code, GOAL_RANGES);
}

/** The plain name of a function: its own, else its range's, else null. */
export function functionName(code: string): string | null {
  return FUNCTION_NAMES[code] ?? inRange(code, FUNCTION_RANGES);
}

/** The plain name for any dimension's code, or null when there is none. */
export function plainName(dimension: Dimension, code: string): string | null {
  switch (dimension) {
    case "fund":
      return FUND_NAMES[code] ?? null;
    case "resource":
      return resourceName(code);
    case "goal":
      return goalName(code);
    case "function":
      return functionName(code);
    case "object_group":
      return OBJECT_GROUP_NAMES[code]?.name ?? null;
  }
}

/** Official title of an object group (the groups are the release's, not a state code list). */
export function objectGroupTitle(key: string): string {
  const known = OBJECT_GROUP_NAMES[key];
  if (known) return `${known.official} (objects ${known.objects})`;
  const words = key.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Words used around the names (so they are translated with them). */
export const WORDS = {
  restricted: "Restricted",
  unrestricted: "Unrestricted",
  restrictedHelp: "may only be spent on its program's purpose",
  unrestrictedHelp: "the board decides how to spend it",
  noOfficialTitle: "no official title",
} as const;
