import { RetentionDeclaration } from "@reception-graph/kit";

/** Where education keeps each category's data, and the date its retention period runs from (see the README). */
export const educationRetention: RetentionDeclaration[] = [
  {
    category: "EDUCATION",
    table: "enrolment",
    dateColumn: "end_date",
    description: "enrolments that ended, from their last day",
  },
  {
    category: "EDUCATION",
    table: "education_assessment",
    dateColumn: "created_at",
    description: "schooling assessments, from the assessment",
  },
  {
    category: "EDUCATION",
    table: "enrolment_request",
    dateColumn: "closed_at",
    description: "closed enrolment requests, from their closing",
  },
  {
    category: "EDUCATION",
    table: "dutch_course",
    dateColumn: "end_date",
    description: "Dutch courses that ended, from their last day",
  },
];
