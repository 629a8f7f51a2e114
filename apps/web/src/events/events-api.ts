/** The trainings and outreach API (server: apps/server/src/events), typed from @tsumugi/contract. */
import type {
  AddWalkIn,
  CheckIn,
  CheckInResult,
  CohostCandidates,
  CreateEvent,
  CreateEventSeries,
  DistributionList,
  DistributionResult,
  DoorCount,
  DoorCountList,
  EventDetail,
  EventList,
  EventMaterialList,
  EventMaterialResult,
  EventRequestList,
  EventRequestResult,
  EventResult,
  EventSeriesResult,
  FromTemplate,
  ParticipantList,
  ParticipantResult,
  PlanLinks,
  QuestionnaireResult,
  QuestionnaireResultsAnswer,
  SaveDistribution,
  SaveQuestionnaire,
  SeriesDetail,
  SetEventStatus,
  UpdateEvent,
  UpdateEventMaterial,
  UpdateEventRequest,
  UpdateEventSeries,
} from "@tsumugi/contract";
import { api, del, get, patch, post, put } from "../api/client";

export function eventsApi(wid: string) {
  const base = `/api/workspaces/${wid}/events`;
  const series = `/api/workspaces/${wid}/event-series`;
  return {
    list: (fiscalYear?: number) => get<EventList>(fiscalYear ? `${base}?fiscalYear=${fiscalYear}` : base),
    create: (body: CreateEvent) => post<EventResult>(base, body),
    get: (eid: string) => get<EventDetail>(`${base}/${eid}`),
    update: (eid: string, body: UpdateEvent) => patch<EventResult>(`${base}/${eid}`, body),
    setStatus: (eid: string, body: SetEventStatus) => post<EventResult>(`${base}/${eid}/status`, body),
    remove: (eid: string) => del<void>(`${base}/${eid}`),
    planLinks: (fiscalYear: number) => get<PlanLinks>(`${base}/plan-links?fiscalYear=${fiscalYear}`),
    cohostCandidates: () => get<CohostCandidates>(`${base}/cohost-candidates`),
    addCohost: (eid: string, cwid: string) => put<EventResult>(`${base}/${eid}/cohosts/${cwid}`),
    removeCohost: (eid: string, cwid: string) => del<EventResult>(`${base}/${eid}/cohosts/${cwid}`),
    doorCounts: (eid: string) => get<DoorCountList>(`${base}/${eid}/door-counts`),
    addDoorCount: (eid: string, body: DoorCount) => post<DoorCountList>(`${base}/${eid}/door-counts`, body),
    removeDoorCount: (eid: string, pid: string) => del<DoorCountList>(`${base}/${eid}/door-counts/${pid}`),
    participants: (eid: string) => get<ParticipantList>(`${base}/${eid}/participants`),
    addWalkIn: (eid: string, body: AddWalkIn) => post<ParticipantResult>(`${base}/${eid}/participants`, body),
    removeWalkIn: (eid: string, pid: string) => del<void>(`${base}/${eid}/participants/${pid}`),
    cancelParticipant: (eid: string, pid: string) =>
      post<ParticipantList>(`${base}/${eid}/participants/${pid}/cancel`),
    checkIn: (eid: string, body: CheckIn) => post<CheckInResult>(`${base}/${eid}/check-in`, body),
    materials: (eid: string) => get<EventMaterialList>(`${base}/${eid}/materials`),
    removeMaterial: (eid: string, mid: string) => del<void>(`${base}/${eid}/materials/${mid}`),
    uploadMaterial: (eid: string, file: File) =>
      api<EventMaterialResult>(
        "POST",
        `${base}/${eid}/materials?name=${encodeURIComponent(file.name)}`,
        file,
      ),
    updateMaterial: (eid: string, mid: string, body: UpdateEventMaterial) =>
      patch<EventMaterialResult>(`${base}/${eid}/materials/${mid}`, body),
    questionnaire: (eid: string) => get<QuestionnaireResult>(`${base}/${eid}/questionnaire`),
    saveQuestionnaire: (eid: string, body: SaveQuestionnaire) =>
      api<QuestionnaireResult>("PUT", `${base}/${eid}/questionnaire`, body),
    questionnaireFromTemplate: (eid: string, body: FromTemplate) =>
      post<QuestionnaireResult>(`${base}/${eid}/questionnaire/template`, body),
    results: (eid: string) => get<QuestionnaireResultsAnswer>(`${base}/${eid}/questionnaire/results`),
    answersCsvUrl: (eid: string) => `${base}/${eid}/questionnaire/answers.csv`,
    createSeries: (body: CreateEventSeries) => post<EventSeriesResult>(series, body),
    series: (sid: string) => get<SeriesDetail>(`${series}/${sid}`),
    updateSeries: (sid: string, body: UpdateEventSeries) =>
      patch<EventSeriesResult>(`${series}/${sid}`, body),
    requests: () => get<EventRequestList>(`/api/workspaces/${wid}/event-requests`),
    updateRequest: (rid: string, body: UpdateEventRequest) =>
      patch<EventRequestResult>(`/api/workspaces/${wid}/event-requests/${rid}`, body),
    distributions: (fiscalYear: number) =>
      get<DistributionList>(`/api/workspaces/${wid}/outreach?fiscalYear=${fiscalYear}`),
    addDistribution: (body: SaveDistribution) =>
      post<DistributionResult>(`/api/workspaces/${wid}/outreach`, body),
    updateDistribution: (id: string, body: SaveDistribution) =>
      patch<DistributionResult>(`/api/workspaces/${wid}/outreach/${id}`, body),
    removeDistribution: (id: string) => del<void>(`/api/workspaces/${wid}/outreach/${id}`),
  };
}
export type EventsApi = ReturnType<typeof eventsApi>;
