import { describe, expect, it } from "vitest";
import { BRIEFING_TRADEMARK_TABLE, findTrademarks, PROTECTED_TRADEMARKS } from "../../rules/find-trademarks.js";

describe("findTrademarks — the list", () => {
  it("copies the slide's 29 cells and keeps 28 distinct names (CRAZY CART twice)", () => {
    expect(BRIEFING_TRADEMARK_TABLE.flat()).toHaveLength(29);
    expect(PROTECTED_TRADEMARKS).toHaveLength(28);
    expect(PROTECTED_TRADEMARKS).toContain("Ray. Ban");
    expect(PROTECTED_TRADEMARKS).toContain("STERILLIUM 斯利姆");
  });
});

describe("findTrademarks — matches", () => {
  it.each([
    ["Calvin Klein style men's underwear", "Calvin Klein", "Calvin Klein"],
    ["CALVIN KLEIN boxer", "Calvin Klein", "CALVIN KLEIN"],
    ["calvinklein boxer", "Calvin Klein", "calvinklein"],
    ["Ray.Ban aviator sunglasses", "Ray. Ban", "Ray.Ban"],
    ["RAY-BAN aviator", "Ray. Ban", "RAY-BAN"],
    ["rayban aviator", "Ray. Ban", "rayban"],
    ["Ray Ban wayfarer", "Ray. Ban", "Ray Ban"],
    ["Case for AIRPODS PRO", "AIRPODS PRO", "AIRPODS PRO"],
    ["airpodspro silicone case", "AIRPODS PRO", "airpodspro"],
    ["AirPods Pro 2 cover", "AIRPODS PRO", "AirPods Pro"],
    ["Stundenglass gravity hookah", "Stündenglass", "Stundenglass"],
    ["STÜNDENGLASS kit", "Stündenglass", "STÜNDENGLASS"],
    ["Sterillium hand rub 500ml", "STERILLIUM 斯利姆", "Sterillium"],
    ["斯利姆 免洗手消毒液", "STERILLIUM 斯利姆", "斯利姆"],
    ["Hartmann elastic bandage", "赫曼 HARTMANN", "Hartmann"],
    ["ＮＥＲＦ blaster darts", "NERF", "ＮＥＲＦ"],
    ["Crazy-Cart drift kart", "CRAZY CART", "Crazy-Cart"],
    ["PLEXIGLAS acrylic sheet", "PLEXIGLAS", "PLEXIGLAS"],
    ["Secretlab gaming chair", "Secretlab", "Secretlab"],
    ["Dyneema rope 6mm", "Dyneema", "Dyneema"],
    ["Builder gel for nails", "Builder Gel", "Builder gel"],
    ["正品Calvin Klein内裤", "Calvin Klein", "Calvin Klein"],
    ["AirPods Pro2 耳机套", "AIRPODS PRO", "AirPods Pro"],
    ["Bluetooth headset for AirPods-Pro", "AIRPODS PRO", "AirPods-Pro"],
  ])("%s → %s (%s)", (title, trademark, matched) => {
    const found = findTrademarks(title);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ trademark, matched });
    expect(found[0] && title.slice(found[0].index, found[0].index + found[0].matched.length)).toBe(matched);
  });

  it.each([
    ["Huawei Mate 40 phone case", "MATE"],
    ["Mate40 Pro 手机壳", "MATE"],
    ["18V cordless drill", "18V"],
    ["Bicycle playing cards", "Bicycle"],
    ["Rational combi oven", "Rational"],
    ["Flawless hair remover", "Flawless"],
    ["Baguette bag", "BAGUETTE"],
  ])("marks the everyday-word name in %s as generic", (title, trademark) => {
    expect(findTrademarks(title)).toEqual([expect.objectContaining({ trademark, generic: true })]);
  });

  it("finds several names in title order, each once", () => {
    const found = findTrademarks("NERF blaster with Calvin Klein bag, NERF darts");
    expect(found.map((f) => [f.trademark, f.index, f.generic])).toEqual([
      ["NERF", 0, false],
      ["Calvin Klein", 18, false],
    ]);
  });

  it("reports a two-script name once, at its first form", () => {
    expect(findTrademarks("赫曼 HARTMANN 绷带").map((f) => [f.trademark, f.matched])).toEqual([["赫曼 HARTMANN", "赫曼"]]);
  });
});

describe("findTrademarks — no silly substring hits", () => {
  it.each([
    "stainless steel material",
    "ultimate teammate gift",
    "kids bicycles with training wheels",
    "irrational fear poster",
    "flawlessly smooth finish",
    "nerfed edition",
    "Plexiglass sheet 3mm",
    "AirPods case",
    "Mark Wahlberg poster",
    "118V adapter",
    "18Volt battery",
    "ray of light lamp",
    "calvin shirt klein",
    "",
  ])("%j → nothing", (title) => {
    expect(findTrademarks(title)).toEqual([]);
  });
});
