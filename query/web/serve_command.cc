// `kbquery serve [--port N] [--host ADDR]`: the web app over a KB, read-only, on this machine
// unless --host says otherwise. SIGINT and SIGTERM stop it cleanly: requests under way are
// answered, then the sockets close.
#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <memory>
#include <thread>

#include "query/commands.h"
#include "query/kb_reader.h"
#include "query/web/web_app.h"

namespace kb {
namespace {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 8;
};

// The longest request target (path and query) read, in bytes; a longer one is a 400.
constexpr std::size_t kMaxTargetBytes = 4096;

// Every response: no script may run, nothing may load from elsewhere, the page is not framed.
void secure(httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
                 "base-uri 'none'; frame-ancestors 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
}

void refuse(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(message + "\n", "text/plain; charset=utf-8");
  secure(res);
}

Status run_serve(const ServeOptions& options, const GlobalOptions& global) {
  Output& out = *global.output;
  // Fail before listening when the KB cannot be read.
  if (auto kb = KbReader::open(global.db); !kb.ok()) return kb.status();

  // The signals are waited for by one thread; every other thread, httplib's workers among
  // them, inherits the blocked mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGUSR1);  // the server's own wake-up when listening fails
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  WebApp app(global.db);
  httplib::Server server;
  const int threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  server.set_keep_alive_max_count(20);
  server.set_keep_alive_timeout(2);
  server.set_read_timeout(5);
  server.set_write_timeout(5);
  server.set_payload_max_length(16 * 1024);
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      refuse(res, 405, "the KB is read-only: only GET and HEAD are answered");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.target.size() > kMaxTargetBytes) {
      refuse(res, 400, "the request is " + std::to_string(req.target.size()) + " bytes long; at most " +
                           std::to_string(kMaxTargetBytes) + " are read");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.Get(".*", [&app](const httplib::Request& req, httplib::Response& res) {
    WebRequest request{req.path, {}};
    for (const auto& [name, value] : req.params) request.params.emplace_back(name, value);
    WebResponse answer = app.handle(request);
    res.status = answer.status;
    if (!answer.location.empty()) res.set_header("Location", answer.location);
    if (!answer.filename.empty())
      res.set_header("Content-Disposition", "attachment; filename=\"" + answer.filename + "\"");
    res.set_content(answer.body, answer.content_type.c_str());
    secure(res);
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr e) {
    std::string what = "unknown error";
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      what = ex.what();
    } catch (...) {
    }
    refuse(res, 500, "could not answer: " + what);
  });

  int port = options.port;
  if (port == 0) port = server.bind_to_any_port(options.host);
  else if (!server.bind_to_port(options.host, port)) port = -1;
  if (port <= 0)
    return Status::IO("cannot listen on " + options.host + ":" + std::to_string(options.port) +
                      " (in use, or not an address of this machine); choose another with --port or --host");

  // stop() is repeated until listening has ended: a signal that comes before the loop has
  // started would otherwise be lost.
  std::atomic<bool> done{false};
  std::thread waiter([&server, &done, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    while (!done) {
      server.stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  const std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  out.text() << "kbquery serve: http://" << host << ":" << port << "/ answers from " << global.db
             << " (read-only); Ctrl-C stops it" << std::endl;
  const bool listened = server.listen_after_bind();
  done = true;
  pthread_kill(waiter.native_handle(), SIGUSR1);  // wakes the waiter when a signal did not stop us
  waiter.join();
  if (!listened) return Status::IO("the server on " + options.host + ":" + std::to_string(port) + " stopped on an error");
  out.text() << "kbquery serve: stopped" << std::endl;
  return Status::Ok();
}

}  // namespace

void add_serve_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the KB as a local web app (read-only) and its JSON API");
  cmd->add_option("--port", options->port, "The port to listen on (0: any free port, printed on start)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--host", options->host, "The address to listen on; another than 127.0.0.1 opens it to the network")
      ->capture_default_str();
  cmd->add_option("--threads", options->threads, "Requests answered at once")->check(CLI::Range(1, 64))->capture_default_str();
  cmd->footer("Example: kbquery serve --port 8080, then open http://127.0.0.1:8080/");
  cmd->callback([options, &global, &outcome] { outcome.status = run_serve(*options, global); });
}

}  // namespace kb
