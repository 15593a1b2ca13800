// Runs the detectors where this script is loaded (the page, or the iframe) and reports each
// verdict to /verdict; the page loads its trackers only when BotD and the DevTools check say
// "human" — what a site behind bot management does.
import { load } from "./botd.esm.js";
import { navigatorFacts, pageTells, runtimeEnableLeak, uaTells, watchEvaluationStacks } from "./checks.js";

const where = window.top === window ? "page" : "iframe";

function report(place, human, tells) {
  const query = new URLSearchParams({ where: place, human: human ? "1" : "0", tells: tells.join(",") });
  return fetch("/verdict?" + query, { cache: "no-store" }).catch(() => undefined);
}

function workerTells(page, worker) {
  const tells = uaTells(worker).map((t) => "worker." + t);
  for (const key of ["ua", "uaPlatform", "platform", "cores", "languages"])
    if (String(page[key]) !== String(worker[key])) tells.push(`worker.${key}-differs`);
  if (page.brands.join() !== worker.brands.join()) tells.push("worker.brands-differ");
  if (page.fullVersionList.join() !== worker.fullVersionList.join()) tells.push("worker.full-version-differs");
  if (worker.leak) tells.push("worker.devtools.runtime-enable");
  return tells;
}

function askWorker() {
  return new Promise((resolve) => {
    const worker = new Worker("/worker.js");
    worker.onmessage = (event) => resolve(event.data);
  });
}

async function main() {
  const stacks = watchEvaluationStacks();
  const leak = runtimeEnableLeak();
  const botd = (await load({ monitoring: false })).detect();
  const facts = await navigatorFacts();
  const tells = [...uaTells(facts), ...(await pageTells())];
  if (leak) tells.push("devtools.runtime-enable");
  if (botd.bot) tells.push("botd." + botd.botKind);
  const human = !botd.bot && !leak;
  document.documentElement.dataset.verdict = human ? "human" : "bot";
  await report(where, human, tells);
  if (human && where === "page") {
    const tracker = document.createElement("script");
    tracker.src = "https://px.trackco.test/t.js";
    document.head.appendChild(tracker);
  }
  if (where === "page") {
    const worker = await askWorker();
    const found = workerTells(facts, worker);
    await report("worker", !worker.leak, found);
  }
  setTimeout(() => report(where + "-late", human, stacks()), 2000);
}

main();
