/** Named positions in the log that consumers have safely processed up to. */
export interface CheckpointStore {
  get(name: string): number;
  set(name: string, position: number): void;
  close(): void;
}
