package io.callwire.adapter.freeswitch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipe-separated tables {@code callcenter_config ... list} answers: a header line of column names, one line
 * per row, then {@code +OK}. An answer starting with {@code -ERR} (mod_callcenter not loaded) is an empty table.
 */
final class PipeTable {
    private PipeTable() {
    }

    /**
     * The rows as column name to value maps.
     *
     * @throws IllegalArgumentException when the text is neither a table nor an error, or a row has the wrong width
     */
    static List<Map<String, String>> parse(String text, String firstColumn) {
        List<Map<String, String>> out = new ArrayList<>();
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("-ERR") || trimmed.equals("+OK")) {
            return out;
        }
        String[] lines = trimmed.split("\n");
        if (!lines[0].startsWith(firstColumn + "|")) {
            throw new IllegalArgumentException("not a table starting with column " + firstColumn + ": '"
                    + EslFrameDecoder.abbreviate(trimmed) + "'");
        }
        String[] columns = lines[0].strip().split("\\|", -1);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("+OK")) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            if (f.length != columns.length) {
                throw new IllegalArgumentException("table row with " + f.length + " fields, expected " + columns.length
                        + ": '" + EslFrameDecoder.abbreviate(line) + "'");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.length; c++) {
                row.put(columns[c], f[c]);
            }
            out.add(row);
        }
        return out;
    }
}
