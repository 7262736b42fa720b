import { describe, expect, it } from "vitest";
import { GroupCommit } from "../../bot/adapters/shared/group-commit.js";

const turn = () => new Promise((r) => setImmediate(r));

describe("group commit", () => {
  it("commits everything added in one turn once, then runs each callback with its own result, in order", async () => {
    const commits: number[][] = [];
    const seen: string[] = [];
    const gc = new GroupCommit<number, string>(
      (items) => {
        commits.push(items);
        return items.map((i) => `r${i}`);
      },
      () => "thrown",
      () => undefined,
    );
    for (const i of [1, 2, 3]) gc.add(i, (r) => seen.push(r));
    expect(gc.pending).toBe(3);
    expect(seen).toEqual([]); // nothing before the commit
    await turn();
    expect(commits).toEqual([[1, 2, 3]]);
    expect(seen).toEqual(["r1", "r2", "r3"]);
    gc.add(4, (r) => seen.push(r));
    await turn();
    expect(commits).toEqual([[1, 2, 3], [4]]);
  });

  it("flush() commits at once; a commit that throws gives every item the mapped error; a throwing callback does not stop the others", async () => {
    const errors: unknown[] = [];
    let fail = false;
    const gc = new GroupCommit<number, string>(
      (items) => {
        if (fail) throw new Error("locked");
        return items.map(String);
      },
      (err) => `failed: ${(err as Error).message}`,
      (err) => errors.push(err),
    );
    const seen: string[] = [];
    gc.add(1, (r) => seen.push(r));
    gc.flush();
    expect(seen).toEqual(["1"]);
    fail = true;
    gc.add(2, () => {
      throw new Error("callback broke");
    });
    gc.add(3, (r) => seen.push(r));
    await turn();
    expect(seen).toEqual(["1", "failed: locked"]);
    expect(errors).toHaveLength(1);
    gc.flush(); // nothing waiting: a no-op
    expect(seen).toHaveLength(2);
  });
});
