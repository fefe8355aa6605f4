package dev.seat.harness.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seat.harness.results.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rows of a Parquet file (as Hugging Face datasets store them) as JSON objects, through
 * DuckDB's JDBC driver: each row becomes {@code to_json(row)}, so structs become objects and lists
 * arrays, the shape {@code datasets} gives them. Rows keep their order; a row's number (1-based)
 * stands for its line in errors.
 */
public final class ParquetRows {
    private ParquetRows() {}

    public static List<JsonRows.Row> read(Path file) {
        String literal = "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
        List<JsonRows.Row> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT CAST(to_json(t) AS VARCHAR) FROM read_parquet(" + literal + ") t")) {
            long n = 0;
            while (rs.next()) {
                n++;
                JsonNode node = Json.MAPPER.readTree(rs.getString(1));
                if (!(node instanceof ObjectNode object)) {
                    throw DataFileException.atLine(file, n, "expected a row object, got " + node.getNodeType());
                }
                rows.add(new JsonRows.Row(file, n, object));
            }
        } catch (SQLException e) {
            throw new DataFileException("Could not read the Parquet file " + file + ": " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new DataFileException("Parquet file " + file + ": a row did not convert to JSON: " + e.getOriginalMessage(), e);
        }
        return rows;
    }
}
