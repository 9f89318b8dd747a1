/**
 * California SACS code lists for the sample district: funds, resources, goals, functions and objects with
 * their titles, and the fiscal years each code is listed in.
 *
 * Titles are written for this project from the structure of CDE's SACS manual (not copied from any published
 * file). The lists drift from year to year the way the state's do: pandemic relief resources appear and later
 * retire (3210/3212/3213), new programs arrive (2600 from 2021-22, 7435 from 2022-23, Prop 28 arts from
 * 2023-24), GASB-driven objects and funds appear (fund 08 with GASB 84, lease objects with GASB 87), and a few
 * titles are reworded between years ("Regular Education" → "General Education", hyphen → en dash).
 */

export type Dimension = 'fund' | 'resource' | 'goal' | 'function' | 'object';

export const DIMENSIONS: readonly Dimension[] = ['fund', 'resource', 'goal', 'function', 'object'];

/** [code, title, first fiscal year listed, last fiscal year listed] (years are first calendar years). */
type Row = readonly [code: string, title: string, from?: number, to?: number];

const FUNDS: readonly Row[] = [
  ['01', 'General Fund/County School Service Fund'],
  ['08', 'Student Activity Special Revenue Fund', 2020],
  ['09', 'Charter Schools Special Revenue Fund'],
  ['10', 'Special Education Pass-Through Fund'],
  ['11', 'Adult Education Fund'],
  ['12', 'Child Development Fund'],
  ['13', 'Cafeteria Special Revenue Fund'],
  ['14', 'Deferred Maintenance Fund'],
  ['15', 'Pupil Transportation Equipment Fund'],
  ['16', 'Forest Reserve Fund'],
  ['17', 'Special Reserve Fund for Other Than Capital Outlay Projects'],
  ['18', 'School Bus Emissions Reduction Fund'],
  ['19', 'Foundation Special Revenue Fund'],
  ['20', 'Special Reserve Fund for Postemployment Benefits'],
  ['21', 'Building Fund'],
  ['25', 'Capital Facilities Fund'],
  ['30', 'State School Building Lease-Purchase Fund'],
  ['35', 'County School Facilities Fund'],
  ['40', 'Special Reserve Fund for Capital Outlay Projects'],
  ['49', 'Capital Project Fund for Blended Component Units'],
  ['51', 'Bond Interest and Redemption Fund'],
  ['52', 'Debt Service Fund for Blended Component Units'],
  ['53', 'Tax Override Fund'],
  ['56', 'Debt Service Fund'],
  ['57', 'Foundation Permanent Fund'],
  ['61', 'Cafeteria Enterprise Fund'],
  ['62', 'Charter Schools Enterprise Fund'],
  ['63', 'Other Enterprise Fund'],
  ['66', 'Warehouse Revolving Fund'],
  ['67', 'Self-Insurance Fund'],
  ['71', 'Retiree Benefit Fund'],
  ['73', 'Foundation Private-Purpose Trust Fund'],
  ['76', 'Warrant/Pass-Through Fund'],
  ['95', 'Student Body Fund', undefined, 2022],
];

const RESOURCES: readonly Row[] = [
  ['0000', 'Unrestricted'],
  ['1100', 'Lottery: Unrestricted'],
  ['1400', 'Education Protection Account'],
  ['2600', 'Expanded Learning Opportunities Program', 2021],
  ['3010', 'ESSA: Title I, Part A, Basic Grants Low-Income and Neglected'],
  ['3025', 'ESSA: Title I, Part D, Local Delinquent Programs'],
  ['3060', 'ESSA: Title I, Part C, Migrant Education (Regular and Summer Program)'],
  ['3182', 'ESSA: School Improvement (CSI) Funding for LEAs'],
  ['3210', 'Elementary and Secondary School Emergency Relief (ESSER) Fund', 2019, 2023],
  ['3212', 'Elementary and Secondary School Emergency Relief II (ESSER II) Fund', 2020, 2024],
  ['3213', 'Elementary and Secondary School Emergency Relief III (ESSER III) Fund', 2021],
  ['3214', 'Elementary and Secondary School Emergency Relief III (ESSER III) Fund: Learning Loss', 2021],
  ['3220', 'Coronavirus Relief Fund (CRF): Learning Loss Mitigation', 2020, 2022],
  ['3310', 'Special Ed: IDEA Basic Local Assistance Entitlement, Part B, Sec 611'],
  ['3311', 'Special Ed: IDEA Local Assistance, Part B, Sec 611, Private School ISPs'],
  ['3315', 'Special Ed: IDEA Preschool Grants, Part B, Sec 619 (Age 3-4-5)'],
  ['3320', 'Special Ed: IDEA Preschool Local Entitlement, Part B, Sec 611 (Age 3-4-5)'],
  ['3327', 'Special Ed: IDEA Mental Health Allocation Plan, Part B, Sec 611'],
  ['3345', 'Special Ed: IDEA Preschool Staff Development, Part B, Sec 619'],
  ['3385', 'Special Ed: IDEA Early Intervention Grants, Part C'],
  ['3550', 'Carl D. Perkins Career and Technical Education: Secondary, Section 131'],
  ['3555', 'Carl D. Perkins Career and Technical Education: Adult, Section 132'],
  ['4035', 'ESSA: Title II, Part A, Supporting Effective Instruction'],
  ['4124', 'ESSA: Title IV, Part B, 21st Century Community Learning Centers Program'],
  ['4127', 'ESSA: Title IV, Part A, Student Support and Academic Enrichment Program'],
  ['4201', 'ESSA: Title III, Immigrant Student Program'],
  ['4203', 'ESSA: Title III, English Learner Student Program'],
  ['5210', 'Head Start'],
  ['5310', 'Child Nutrition: School Programs (e.g., School Lunch, School Breakfast, Milk, Pregnant & Lactating Students)'],
  ['5320', 'Child Nutrition: Child Care Food Program (CCFP) Claims-Centers and Family Day Care Homes (Meal Reimbursements)'],
  ['5466', 'Child Nutrition: Supply Chain Assistance (SCA) Funds', 2021, 2024],
  ['5640', 'Medi-Cal Billing Option'],
  ['5810', 'Other Restricted Federal'],
  ['6010', 'After School Education and Safety (ASES)'],
  ['6105', 'Child Development: California State Preschool Program'],
  ['6130', 'Child Development: Center-Based Reserve Account'],
  ['6211', 'Literacy Coaches and Reading Specialists Grant Program', 2022],
  ['6230', 'California Clean Energy Jobs Act', undefined, 2020],
  ['6266', 'Educator Effectiveness, FY 2021-22', 2021],
  ['6300', 'Lottery: Instructional Materials'],
  ['6387', 'Career Technical Education Incentive Grant Program'],
  ['6391', 'Adult Education Program'],
  ['6500', 'Special Education'],
  ['6512', 'Special Ed: Mental Health-Related Services'],
  ['6520', 'Special Ed: Project Workability I LEA'],
  ['6547', 'Special Education Early Intervention Preschool Grant', 2021],
  ['6690', 'Tobacco-Use Prevention Education: Grades Six through Twelve'],
  ['6762', 'Arts, Music, Instructional Materials Discretionary Block Grant', 2022],
  ['6770', 'Arts and Music in Schools (AMS)—Funding Guarantee and Accountability Act (Prop 28)', 2023],
  ['7032', 'Child Nutrition: Kitchen Infrastructure and Training Funds - 2022 KIT Funds', 2022],
  ['7085', 'Learning Communities for School Success Program'],
  ['7311', 'Classified School Employee Professional Development Block Grant', undefined, 2021],
  ['7388', 'SB 117 COVID-19 LEA Response Funds', 2019, 2021],
  ['7399', 'LCFF Equity Multiplier', 2023],
  ['7412', 'A-G Access/Success Grant', 2021],
  ['7413', 'A-G Learning Loss Mitigation Grant', 2021],
  ['7422', 'In-Person Instruction (IPI) Grant', 2020, 2023],
  ['7425', 'Expanded Learning Opportunities (ELO) Grant', 2021],
  ['7426', 'Expanded Learning Opportunities (ELO) Grant: Paraprofessional Staff', 2021],
  ['7435', 'Learning Recovery Emergency Block Grant', 2022],
  ['7690', 'STRS On-Behalf Pension Contributions'],
  ['7710', 'State School Facilities Projects'],
  ['7810', 'Other Restricted State'],
  ['8150', 'Ongoing & Major Maintenance Account (RMA: Education Code Section 17070.75)'],
  ['8210', 'Student Activity Funds', 2020],
  ['9010', 'Other Restricted Local'],
];

const GOALS: readonly Row[] = [
  ['0000', 'Undistributed'],
  ['0001', 'Regular Education, Pre-K'],
  ['1110', 'Regular Education, K-12'],
  ['3100', 'Alternative Schools'],
  ['3200', 'Continuation Schools'],
  ['3300', 'Independent Study Centers'],
  ['3400', 'Opportunity Schools'],
  ['3550', 'Community Day Schools'],
  ['3800', 'Career Technical Education'],
  ['4110', 'Regular Education, Adult'],
  ['4610', 'Adult Career Technical Education'],
  ['4760', 'Bilingual'],
  ['4850', 'Migrant Education'],
  ['5001', 'Special Education, Unspecified'],
  ['5710', 'Special Education, Infants'],
  ['5730', 'Special Education, Preschool Students'],
  ['5760', 'Special Education, Ages 5–22'],
  ['6000', 'Regional Occupational Center/Program (ROC/P)'],
  ['7110', 'Nonagency – Educational'],
  ['7150', 'Nonagency – Other'],
  ['8100', 'Community Services'],
  ['8500', 'Child Care and Development Services'],
];

const FUNCTIONS: readonly Row[] = [
  ['0000', 'Not Applicable (for revenues and balance sheet accounts only)'],
  ['1000', 'Instruction'],
  ['1110', 'Special Education: Separate Classes'],
  ['1120', 'Special Education: Resource Specialist Instruction'],
  ['1130', 'Special Education: Supplemental Aides and Services in Regular Classrooms'],
  ['1180', 'Special Education: Nonpublic Agencies/Schools'],
  ['1190', 'Special Education: Other Specialized Instructional Services'],
  ['2100', 'Instructional Supervision and Administration'],
  ['2110', 'Instructional Supervision'],
  ['2120', 'Instructional Research'],
  ['2130', 'Curriculum Development'],
  ['2140', 'In-house Instructional Staff Development'],
  ['2150', 'Instructional Administration of Special Projects'],
  ['2200', 'Administrative Unit (AU) of a Multidistrict Special Education Local Plan Area (SELPA)'],
  ['2420', 'Instructional Library, Media, and Technology'],
  ['2490', 'Other Instructional Resources'],
  ['2495', 'Parent Participation'],
  ['2700', 'School Administration'],
  ['3110', 'Guidance and Counseling Services'],
  ['3120', 'Psychological Services'],
  ['3130', 'Attendance and Social Work Services'],
  ['3140', 'Health Services'],
  ['3150', 'Speech Pathology and Audiology Services'],
  ['3160', 'Pupil Testing Services'],
  ['3600', 'Pupil Transportation'],
  ['3700', 'Food Services'],
  ['3900', 'Other Pupil Services'],
  ['4000', 'Ancillary Services'],
  ['4100', 'School-Sponsored Co-curricular Activities'],
  ['4200', 'School-Sponsored Athletics'],
  ['4900', 'Other Ancillary Services'],
  ['5000', 'Community Services'],
  ['5100', 'Community Recreation'],
  ['5400', 'Civic Services'],
  ['5900', 'Other Community Services'],
  ['6000', 'Enterprise'],
  ['7100', 'Board and Superintendent'],
  ['7110', 'Board'],
  ['7150', 'Superintendent'],
  ['7180', 'Public Information'],
  ['7190', 'External Financial Audit – Single Audit'],
  ['7191', 'External Financial Audit – Other'],
  ['7200', 'Other General Administration'],
  ['7210', 'Indirect Cost Transfers'],
  ['7300', 'Fiscal Services'],
  ['7400', 'Personnel/Human Resources Services'],
  ['7500', 'Central Support'],
  ['7510', 'Planning, Research, Development, and Evaluation Services'],
  ['7530', 'Purchasing'],
  ['7540', 'Warehousing and Distribution'],
  ['7550', 'Printing, Publishing, and Duplicating'],
  ['7600', 'All Other General Administration'],
  ['7700', 'Centralized Data Processing'],
  ['8100', 'Plant Maintenance and Operations'],
  ['8110', 'Maintenance'],
  ['8200', 'Operations'],
  ['8300', 'Security'],
  ['8400', 'Other Plant Maintenance and Operations'],
  ['8500', 'Facilities Acquisition and Construction'],
  ['8700', 'Facilities Rents and Leases'],
  ['9100', 'Debt Service'],
  ['9200', 'Transfers Between Agencies'],
  ['9300', 'Interfund Transfers'],
];

const OBJECTS: readonly Row[] = [
  ['1100', "Certificated Teachers' Salaries"],
  ['1200', 'Certificated Pupil Support Salaries'],
  ['1300', "Certificated Supervisors' and Administrators' Salaries"],
  ['1900', 'Other Certificated Salaries'],
  ['2100', 'Classified Instructional Salaries'],
  ['2200', 'Classified Support Salaries'],
  ['2300', "Classified Supervisors' and Administrators' Salaries"],
  ['2400', 'Clerical, Technical and Office Salaries'],
  ['2900', 'Other Classified Salaries'],
  ['3101', 'STRS, certificated positions'],
  ['3102', 'STRS, classified positions'],
  ['3201', 'PERS, certificated positions'],
  ['3202', 'PERS, classified positions'],
  ['3301', 'OASDI/Medicare/Alternative, certificated positions'],
  ['3302', 'OASDI/Medicare/Alternative, classified positions'],
  ['3401', 'Health and Welfare Benefits, certificated positions'],
  ['3402', 'Health and Welfare Benefits, classified positions'],
  ['3501', 'State Unemployment Insurance, certificated positions'],
  ['3502', 'State Unemployment Insurance, classified positions'],
  ['3601', "Workers' Compensation, certificated positions"],
  ['3602', "Workers' Compensation, classified positions"],
  ['3701', 'OPEB, Allocated, certificated positions'],
  ['3702', 'OPEB, Allocated, classified positions'],
  ['3751', 'OPEB, Active Employees, certificated positions'],
  ['3752', 'OPEB, Active Employees, classified positions'],
  ['3901', 'Other Benefits, certificated positions'],
  ['3902', 'Other Benefits, classified positions'],
  ['4100', 'Approved Textbooks and Core Curricula Materials'],
  ['4200', 'Books and Other Reference Materials'],
  ['4300', 'Materials and Supplies'],
  ['4400', 'Noncapitalized Equipment'],
  ['4700', 'Food'],
  ['5100', 'Subagreements for Services'],
  ['5200', 'Travel and Conferences'],
  ['5300', 'Dues and Memberships'],
  ['5400', 'Insurance'],
  ['5500', 'Operations and Housekeeping Services'],
  ['5600', 'Rentals, Leases, Repairs, and Noncapitalized Improvements'],
  ['5710', 'Transfers of Direct Costs'],
  ['5750', 'Transfers of Direct Costs – Interfund'],
  ['5800', 'Professional/Consulting Services and Operating Expenditures'],
  ['5900', 'Communications'],
  ['6100', 'Land'],
  ['6170', 'Land Improvements'],
  ['6200', 'Buildings and Improvements of Buildings'],
  ['6300', 'Books and Media for New School Libraries or Major Expansion of School Libraries'],
  ['6400', 'Equipment'],
  ['6500', 'Equipment Replacement'],
  ['6600', 'Lease Assets', 2021],
  ['6700', 'Subscription Assets', 2022],
  ['6900', 'Depreciation Expense'],
  ['6910', 'Amortization Expense – Lease Assets', 2021],
  ['7110', 'Tuition for Instruction Under Interdistrict Attendance Agreements'],
  ['7130', 'State Special Schools'],
  ['7141', 'Other Tuition, Excess Costs, and/or Deficit Payments to Districts or Charter Schools'],
  ['7142', 'Other Tuition, Excess Costs, and/or Deficit Payments to County Offices'],
  ['7143', 'Other Tuition, Excess Costs, and/or Deficit Payments to JPAs'],
  ['7211', 'Transfers of Pass-Through Revenues To Districts or Charter Schools'],
  ['7212', 'Transfers of Pass-Through Revenues To County Offices'],
  ['7213', 'Transfers of Pass-Through Revenues To JPAs'],
  ['7221', 'Transfers of Apportionments: Special Education To Districts or Charter Schools'],
  ['7222', 'Transfers of Apportionments: Special Education To County Offices'],
  ['7223', 'Transfers of Apportionments: Special Education To JPAs'],
  ['7281', 'All Other Transfers To Districts or Charter Schools'],
  ['7282', 'All Other Transfers To County Offices'],
  ['7283', 'All Other Transfers To JPAs'],
  ['7299', 'All Other Transfers Out to All Others'],
  ['7310', 'Transfers of Indirect Costs'],
  ['7350', 'Transfers of Indirect Costs – Interfund'],
  ['7433', 'Bond Redemptions'],
  ['7434', 'Bond Interest and Other Service Charges'],
  ['7438', 'Debt Service – Interest'],
  ['7439', 'Other Debt Service – Principal'],
  ['7619', 'Other Authorized Interfund Transfers Out'],
  ['7699', 'All Other Financing Uses'],
  ['8011', 'LCFF State Aid - Current Year'],
  ['8012', 'Education Protection Account State Aid - Current Year'],
  ['8019', 'LCFF State Aid - Prior Years'],
  ['8021', "Homeowners' Exemptions"],
  ['8022', 'Timber Yield Tax'],
  ['8029', 'Other Subventions/In-Lieu Taxes'],
  ['8041', 'Secured Roll Taxes'],
  ['8042', 'Unsecured Roll Taxes'],
  ['8043', "Prior Years' Taxes"],
  ['8044', 'Supplemental Taxes'],
  ['8045', 'Education Revenue Augmentation Fund (ERAF)'],
  ['8047', 'Community Redevelopment Funds (SB 617/699/1992)'],
  ['8048', 'Penalties and Interest from Delinquent Taxes'],
  ['8091', 'LCFF Transfers - Current Year'],
  ['8096', 'Transfers to Charter Schools in Lieu of Property Taxes'],
  ['8097', 'Property Taxes Transfers'],
  ['8099', 'LCFF/Revenue Limit Transfers - Prior Years'],
  ['8110', 'Maintenance and Operations'],
  ['8181', 'Special Education - Entitlement'],
  ['8182', 'Special Education - Discretionary Grants'],
  ['8220', 'Child Nutrition Programs'],
  ['8221', 'Donated Food Commodities'],
  ['8260', 'Forest Reserve Funds'],
  ['8285', 'Interagency Contracts Between LEAs'],
  ['8287', 'Pass-Through Revenues from Federal Sources'],
  ['8290', 'All Other Federal Revenue'],
  ['8311', 'Other State Apportionments - Current Year'],
  ['8319', 'Other State Apportionments - Prior Years'],
  ['8520', 'Child Nutrition Programs'],
  ['8545', 'School Facilities Apportionments'],
  ['8550', 'Mandated Cost Reimbursements'],
  ['8560', 'State Lottery Revenue'],
  ['8571', "Voted Indebtedness Levies: Homeowners' Exemptions"],
  ['8572', 'Voted Indebtedness Levies: Other Subventions/In-Lieu Taxes'],
  ['8587', 'Pass-Through Revenues from State Sources'],
  ['8590', 'All Other State Revenue'],
  ['8611', 'Voted Indebtedness Levies: Secured Roll'],
  ['8612', 'Voted Indebtedness Levies: Unsecured Roll'],
  ['8613', "Voted Indebtedness Levies: Prior Years' Taxes"],
  ['8614', 'Voted Indebtedness Levies: Supplemental Taxes'],
  ['8621', 'Parcel Taxes'],
  ['8622', 'Other Non-Ad Valorem Taxes'],
  ['8631', 'Sale of Equipment/Supplies'],
  ['8632', 'Sale of Publications'],
  ['8634', 'Food Service Sales'],
  ['8639', 'All Other Sales'],
  ['8650', 'Leases and Rentals'],
  ['8660', 'Interest'],
  ['8662', 'Net Increase (Decrease) in the Fair Value of Investments'],
  ['8671', 'Adult Education Fees'],
  ['8672', 'Non-Resident Students'],
  ['8673', 'Child Development Parent Fees'],
  ['8674', 'In-District Premiums/Contributions'],
  ['8675', 'Transportation Fees From Individuals'],
  ['8677', 'Interagency Services Between LEAs'],
  ['8681', 'Mitigation/Developer Fees'],
  ['8689', 'All Other Fees and Contracts'],
  ['8697', 'Pass-Through Revenues From Local Sources'],
  ['8699', 'All Other Local Revenue'],
  ['8710', 'Tuition'],
  ['8781', 'All Other Transfers In from Districts or Charter Schools'],
  ['8782', 'All Other Transfers In from County Offices'],
  ['8783', 'All Other Transfers In from JPAs'],
  ['8791', 'Transfers of Apportionments: Special Education From Districts or Charter Schools'],
  ['8792', 'Transfers of Apportionments: Special Education From County Offices'],
  ['8793', 'Transfers of Apportionments: Special Education From JPAs'],
  ['8799', 'All Other Transfers In from All Others'],
  ['8919', 'Other Authorized Interfund Transfers In'],
  ['8951', 'Proceeds from Sale of Bonds'],
  ['8953', 'Proceeds from Sale/Lease-Purchase of Land and Buildings'],
  ['8965', 'Transfers from Funds of Lapsed/Reorganized LEAs'],
  ['8971', 'Proceeds from Certificates of Participation'],
  ['8972', 'Proceeds from Leases'],
  ['8973', 'Proceeds from Lease Revenue Bonds'],
  ['8979', 'All Other Financing Sources'],
  ['8980', 'Contributions from Unrestricted Revenues'],
  ['8990', 'Contributions from Restricted Revenues'],
  ['9110', 'Cash in County Treasury'],
  ['9111', 'Fair Value Adjustment to Cash in County Treasury'],
  ['9120', 'Cash in Banks'],
  ['9130', 'Revolving Cash Account'],
  ['9135', 'Cash with a Fiscal Agent/Trustee'],
  ['9140', 'Cash Collections Awaiting Deposit'],
  ['9150', 'Investments'],
  ['9200', 'Accounts Receivable'],
  ['9290', 'Due from Grantor Government'],
  ['9310', 'Due from Other Funds'],
  ['9320', 'Stores'],
  ['9330', 'Prepaid Expenditures (Expenses)'],
  ['9340', 'Other Current Assets'],
  ['9380', 'Lease Receivable', 2021],
  ['9410', 'Land'],
  ['9420', 'Land Improvements'],
  ['9430', 'Buildings'],
  ['9440', 'Equipment'],
  ['9450', 'Work in Progress'],
  ['9490', 'Deferred Outflows of Resources'],
  ['9500', 'Accounts Payable (Current Liabilities)'],
  ['9590', 'Due to Grantor Governments'],
  ['9610', 'Due to Other Funds'],
  ['9640', 'Current Loans'],
  ['9650', 'Unearned Revenue'],
  ['9690', 'Deferred Inflows of Resources'],
  ['9711', 'Nonspendable Revolving Cash'],
  ['9712', 'Nonspendable Stores'],
  ['9713', 'Nonspendable Prepaid Items'],
  ['9719', 'All Other Nonspendable Assets'],
  ['9740', 'Restricted'],
  ['9750', 'Stabilization Arrangements'],
  ['9760', 'Other Commitments'],
  ['9780', 'Other Assignments'],
  ['9789', 'Reserve for Economic Uncertainties'],
  ['9790', 'Unassigned/Unappropriated'],
  ['9791', 'Beginning Fund Balance'],
  ['9793', 'Audit Adjustments'],
  ['9795', 'Other Restatements'],
  ['9796', 'Net Investment in Capital Assets'],
  ['9797', 'Restricted Net Position'],
  ['979Z', 'Ending Fund Balance'],
  ['PCRA', 'Program Cost Report Allocations (system calculated)', 2022],
];

/** Titles reworded from a given year on: [dimension, code, from year, new title]. */
const RETITLES: readonly (readonly [Dimension, string, number, string])[] = [
  ['goal', '0001', 2021, 'General Education, Pre-K'],
  ['goal', '1110', 2021, 'General Education, K-12'],
  ['goal', '4110', 2021, 'General Education, Adult'],
  ['object', '8011', 2022, 'LCFF State Aid – Current Year'],
  ['object', '8012', 2022, 'Education Protection Account State Aid – Current Year'],
  ['object', '8019', 2022, 'LCFF State Aid – Prior Years'],
];

/**
 * Raw-file quirks reproduced on purpose: the state's published lists occasionally carry a line break inside
 * a quoted title. Reading the files must cope with it.
 */
const EMBEDDED_BREAK: readonly (readonly [Dimension, string, number])[] = [['resource', '7426', 2021]];

const TABLES: Record<Dimension, readonly Row[]> = {
  fund: FUNDS,
  resource: RESOURCES,
  goal: GOALS,
  function: FUNCTIONS,
  object: OBJECTS,
};

export interface CodeEntry {
  code: string;
  title: string;
}

function active(row: Row, fy: number): boolean {
  const from = row[2];
  const to = row[3];
  return (from === undefined || fy >= from) && (to === undefined || fy <= to);
}

function titleIn(dim: Dimension, row: Row, fy: number): string {
  let title = row[1];
  let best = -Infinity;
  for (const [d, code, from, t] of RETITLES) {
    if (d === dim && code === row[0] && fy >= from && from > best) {
      best = from;
      title = t;
    }
  }
  return title;
}

/** The code list of one dimension for one fiscal year, sorted by code. */
export function codeList(dim: Dimension, fy: number): CodeEntry[] {
  return TABLES[dim]
    .filter((row) => active(row, fy))
    .map((row) => ({ code: row[0], title: titleIn(dim, row, fy) }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

const activeCache = new Map<string, Set<string>>();

/** Is this code in that year's list? */
export function isListed(dim: Dimension, code: string, fy: number): boolean {
  const key = `${dim}:${fy}`;
  let set = activeCache.get(key);
  if (!set) {
    set = new Set(codeList(dim, fy).map((c) => c.code));
    activeCache.set(key, set);
  }
  return set.has(code);
}

export function titleOf(dim: Dimension, code: string, fy: number): string | undefined {
  return codeList(dim, fy).find((c) => c.code === code)?.title;
}

/** Width the state pads titles to in its raw code-list files. */
export const TITLE_WIDTH = 250;

/** `ref_fund_codes.csv` etc.: header `Code,Title`, every value quoted, titles right-padded with spaces. */
export function codeListFileName(dim: Dimension): string {
  return `ref_${dim}_codes.csv`;
}

export function codeListCsv(dim: Dimension, fy: number): { text: string; rows: number } {
  const entries = codeList(dim, fy);
  const lines = ['Code,Title\n'];
  for (const { code, title } of entries) {
    const padded = dim === 'fund' ? code.padEnd(4, ' ') : code;
    const broken = EMBEDDED_BREAK.some(([d, c, from]) => d === dim && c === code && fy >= from);
    const text = broken ? `${title}\n` : title;
    if (text.length > TITLE_WIDTH) throw new Error(`title longer than ${TITLE_WIDTH}: ${dim} ${code}`);
    lines.push(`"${padded}","${text.padEnd(TITLE_WIDTH, ' ')}"\n`);
  }
  return { text: lines.join(''), rows: entries.length };
}
