-- wrk script for the FloeDB load benchmark (../run.sh): one DynamoDB operation with random keys.
-- Environment:
--   FLOE_BENCH_OP     get (a point read of one ~100-byte item of floe_bench_kv, pk = k0000000 ...),
--                     put (overwrites one of those items with the same pk and v) or
--                     query (one whole partition of floe_bench_sorted: pk = p000000 ..., 10 items s00 ... s09) or
--                     batch (BatchWriteItem: puts 25 items of floe_bench_kv with consecutive keys from a random one)
--   FLOE_BENCH_ITEMS  the number of items the loader put in each table (default 100000)
-- At the end prints one line: FLOE_RESULT requests=... duration_us=... errors=... p50_us=... p99_us=...
local op = os.getenv("FLOE_BENCH_OP") or "get"
local items = tonumber(os.getenv("FLOE_BENCH_ITEMS") or "100000")
local value = string.rep("0123456789abcdef", 5)

local function batch_body(k)
  local puts = {}
  for j = 0, 24 do
    puts[#puts + 1] = string.format('{"PutRequest":{"Item":{"pk":{"S":"k%07d"},"v":{"S":"%s"}}}}', k + j, value)
  end
  return '{"RequestItems":{"floe_bench_kv":[' .. table.concat(puts, ",") .. ']}}'
end

local ops = {
  get = { target = "GetItem", keys = items, body = function(k)
    return string.format('{"TableName":"floe_bench_kv","Key":{"pk":{"S":"k%07d"}}}', k) end },
  put = { target = "PutItem", keys = items, body = function(k)
    return string.format('{"TableName":"floe_bench_kv","Item":{"pk":{"S":"k%07d"},"v":{"S":"%s"}}}', k, value) end },
  query = { target = "Query", keys = math.max(1, math.floor(items / 10)), body = function(k)
    return string.format('{"TableName":"floe_bench_sorted","KeyConditionExpression":"pk = :p",'
      .. '"ExpressionAttributeValues":{":p":{"S":"p%06d"}}}', k) end },
  batch = { target = "BatchWriteItem", keys = math.max(1, items - 24), body = batch_body },
}
local chosen = assert(ops[op], "FLOE_BENCH_OP must be get, put, query or batch")

wrk.method = "POST"
wrk.path = "/"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "DynamoDB_20120810." .. chosen.target
wrk.headers["X-Amz-Date"] = "20261121T000000Z"
-- Well-formed SigV4; the servers measured do not check signatures.
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKID/20261121/us-east-1/dynamodb/aws4_request, "
  .. "SignedHeaders=host;x-amz-date, Signature=00"

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (thread_number or 0))
end

function request()
  return wrk.format(nil, nil, nil, chosen.body(math.random(0, chosen.keys - 1)))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("FLOE_RESULT requests=%d duration_us=%d errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, e.status + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
