package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.query.QueryService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Runs read-only Cypher, or a saved question from cypher/queries/ by name.",
                "Examples: watchman query hosts;  watchman query 'MATCH (h:Host) RETURN h.name'"})
final class QueryCommand extends GraphCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CYPHER|NAME",
            description = "Cypher text, or the name of a saved question (see --list).")
    String query;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
            description = "A parameter ($KEY in the query); numbers and true/false are typed.")
    List<String> params = new ArrayList<>();

    @Option(names = "--list", description = "List the saved questions.")
    boolean list;

    @Mixin
    Options.Json json;

    @Override
    int run(Context ctx) {
        if (list) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (QueryService.Saved s : QueryService.saved()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", s.name());
                row.put("question", s.question());
                row.put("parameters", s.parameters());
                rows.add(row);
            }
            print(ctx, rows);
            return ExitCode.OK;
        }
        if (query == null) {
            throw new WatchmanException(ExitCode.USAGE, "query needs Cypher or a saved question name; "
                    + "see watchman query --list");
        }
        print(ctx, ctx.app().queries().run(query, QueryService.parseParams(params)));
        return ExitCode.OK;
    }

    private void print(Context ctx, List<Map<String, Object>> rows) {
        if (json.on) {
            Output.printJson(ctx.out(), rows);
        } else {
            Output.printTable(ctx.out(), rows);
        }
    }
}
