// The review of one study: loads its AI analyses and events, folds the state, builds the report
// and its consistency warnings, and appends a reader's action after the workflow allows it.
// Appending runs in one IMMEDIATE transaction with the check, so two windows cannot both sign.
import type { AnalysisResult } from '../../shared/ai-results';
import type { EventBus } from '../../shared/event-bus';
import { AppError } from '../../shared/result';
import type { ReviewEventBody, StructuredReport, StudyReview, UserProfile, UserRole } from '../../shared/reports';
import type { Database } from '../store/database';
import { checkConsistency, DEFAULT_PHRASE_LIST } from '../reports/consistency/consistency-checks';
import { buildReport, type StudyFacts } from '../reports/report-builder';
import { renderReportText } from '../reports/templates/report-text';
import type { ReportLanguage } from '../reports/templates/report-terms';
import { type AiFindingInput, foldReview, type ReviewState } from './review-fold';
import { createReviewStore } from './review-store';
import { planReviewEvent } from './review-workflow';

/** Where the analyses come from (the job service's analysis store in the app). */
export interface AnalysisSource {
  list(filter: { studyInstanceUID?: string }): AnalysisResult[];
}

interface StudyRow {
  study_date: string;
  study_description: string;
  accession_number: string;
  modalities: string;
  body_part: string;
  status: string;
}

export interface ReviewServiceOptions {
  db: Database;
  analyses: AnalysisSource;
  events?: EventBus;
  now?: () => string;
}

export function createReviewService({ db, analyses, events, now = () => new Date().toISOString() }: ReviewServiceOptions) {
  const store = createReviewStore(db);
  const selectStudy = db.prepare<[string], StudyRow>(
    'SELECT study_date, study_description, accession_number, modalities, body_part, status FROM studies WHERE study_instance_uid = ?',
  );
  // The worklist status follows the review: in_review on the first decision, then preliminary/final.
  const setStudyStatus = db.prepare('UPDATE studies SET status = ?, updated_at = ? WHERE study_instance_uid = ? AND status <> ?');

  function studyFacts(studyInstanceUID: string): StudyFacts & { status: string } {
    const row = selectStudy.get(studyInstanceUID);
    if (!row) throw new AppError('NOT_FOUND', 'No stored study has this Study Instance UID. Import the study first.');
    const facts: StudyFacts & { status: string } = {
      studyInstanceUID,
      modalities: row.modalities.split(/[\\/,]/).map((m) => m.trim()).filter(Boolean),
      status: row.status,
    };
    if (row.study_date) facts.studyDate = row.study_date;
    if (row.study_description) facts.description = row.study_description;
    if (row.accession_number) facts.accessionNumber = row.accession_number;
    if (row.body_part) facts.bodyPart = row.body_part;
    return facts;
  }

  /** Oldest analysis first so findings keep a stable order as new analyses arrive. */
  function studyAnalyses(studyInstanceUID: string): AnalysisResult[] {
    return analyses.list({ studyInstanceUID }).sort((a, b) => a.analysisId - b.analysisId);
  }

  function load(studyInstanceUID: string) {
    const study = studyFacts(studyInstanceUID);
    const results = studyAnalyses(studyInstanceUID);
    const inputs: AiFindingInput[] = results.flatMap((a) => a.findings.map((finding) => ({ ref: { analysisId: a.analysisId, findingId: finding.id }, finding })));
    const events = store.events(studyInstanceUID);
    const state = foldReview(inputs, events);
    const report = reportOf(study, results, state);
    return { study, results, events, state, report };
  }

  function reportOf(study: StudyFacts, results: AnalysisResult[], state: ReviewState): StructuredReport {
    const at = now();
    const draft = buildReport({ study, analyses: results, state, warnings: [], now: at });
    const phraseList = store.phraseList() ?? DEFAULT_PHRASE_LIST;
    const warnings = state.status === 'draft' || state.status === 'preliminary' ? checkConsistency({ report: draft, phraseList, acknowledged: state.acknowledged }) : [];
    return { ...draft, warnings };
  }

  function review(studyInstanceUID: string): StudyReview {
    const { state, events, report } = load(studyInstanceUID);
    return { studyInstanceUID, status: state.status, findings: state.findings, events, signatures: state.signatures, report };
  }

  function requireReader(): UserProfile {
    const user = store.currentUser();
    if (!user) throw new AppError('NO_CURRENT_USER', 'Choose who is reading (a reader profile) before reviewing or signing.');
    return user;
  }

  return {
    store,
    users(): { users: UserProfile[]; currentUserId: number | null } {
      return { users: store.users(), currentUserId: store.currentUser()?.id ?? null };
    },
    /** Creates a profile; the first profile becomes the current reader. */
    createUser(name: string, role: UserRole): UserProfile {
      const user = store.createUser(name, role, now());
      if (!store.currentUser()) store.setCurrentUser(user.id);
      return user;
    },
    setCurrentUser: (id: number) => store.setCurrentUser(id),
    phraseList: () => store.phraseList() ?? [...DEFAULT_PHRASE_LIST],
    setPhraseList(list: readonly string[]) {
      store.setPhraseList(list.map((p) => p.trim()).filter(Boolean));
      return store.phraseList() ?? [];
    },
    review,
    report: (studyInstanceUID: string) => load(studyInstanceUID).report,
    renderText: (studyInstanceUID: string, lang: ReportLanguage) => renderReportText(load(studyInstanceUID).report, lang),
    act(studyInstanceUID: string, body: ReviewEventBody): StudyReview {
      const user = requireReader();
      const reader = { id: user.id, name: user.name, role: user.role };
      const at = now();
      const status = db
        .transaction(() => {
          const { study, events, state, report } = load(studyInstanceUID);
          const planned = planReviewEvent({ state, events, body, reader, warnings: report.warnings });
          store.append({ ...planned, studyInstanceUID, at });
          const next =
            body.action === 'sign' ? (body.status === 'preliminary' ? 'preliminary' : 'final') : ['new', 'ai_pending', 'ai_done'].includes(study.status) ? 'in_review' : null;
          return next !== null && setStudyStatus.run(next, at, studyInstanceUID, next).changes > 0;
        })
        .immediate();
      if (status) events?.emit('studies:changed', { studyInstanceUIDs: [studyInstanceUID], reason: 'status' });
      return review(studyInstanceUID);
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
