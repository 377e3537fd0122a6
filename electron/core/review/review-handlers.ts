// The `review:*` and `reports:*` requests. Arguments arrive validated by the contract's schemas.
import type { HandlerTable } from '../../shared/handler-table';
import type { ReviewService } from './review-service';

type ReviewHandlers = Pick<
  HandlerTable,
  | 'review:users'
  | 'review:createUser'
  | 'review:setCurrentUser'
  | 'review:get'
  | 'review:act'
  | 'reports:get'
  | 'reports:renderText'
  | 'reports:phrases'
  | 'reports:setPhrases'
>;

export function createReviewHandlers(service: ReviewService): ReviewHandlers {
  return {
    'review:users': () => service.users(),
    'review:createUser': ({ name, role }) => service.createUser(name, role),
    'review:setCurrentUser': ({ id }) => service.setCurrentUser(id),
    'review:get': ({ studyInstanceUID }) => service.review(studyInstanceUID),
    'review:act': ({ studyInstanceUID, event }) => service.act(studyInstanceUID, event),
    'reports:get': ({ studyInstanceUID }) => service.report(studyInstanceUID),
    'reports:renderText': ({ studyInstanceUID, lang }) => ({ text: service.renderText(studyInstanceUID, lang) }),
    'reports:phrases': () => service.phraseList(),
    'reports:setPhrases': ({ phrases }) => service.setPhraseList(phrases),
  };
}
