// The plan's schema is part of the IPC contract, which the renderer reads too; the engine uses it from there.
export { FieldChange, ObjectPlan, Plan, ServicePlan } from '../../../contract/channels/deploy';
