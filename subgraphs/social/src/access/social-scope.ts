import {
  Caller,
  hasRole,
  OwnPeopleSource,
  peerOwnPeople,
  PersonScope,
  personScope,
  RequestInfo,
} from "@reception-graph/kit";

/**
 * "Own" people for identity data (access.md): social holds the identity of
 * people who are placed, referred or enrolled elsewhere, so only the peer that
 * holds the caller's scope can say whether a person is theirs: housing for a
 * site coordinator, care for a care worker, education for school staff.
 */
export function socialOwnScope(caller: Caller, request: RequestInfo): PersonScope | null {
  const sources: OwnPeopleSource[] = [];
  if (hasRole(caller, "SITE_COORDINATOR")) {
    sources.push(peerOwnPeople(request.link, "housing", "who lives at your sites"));
  }
  if (hasRole(caller, "CARE_WORKER")) {
    sources.push(peerOwnPeople(request.link, "care", "who is referred to your organisation"));
  }
  if (hasRole(caller, "SCHOOL_STAFF")) {
    sources.push(peerOwnPeople(request.link, "education", "which children belong to your school"));
  }
  return personScope(sources);
}
