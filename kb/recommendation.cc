#include "kb/recommendation.h"

namespace kb {

const char* to_string(Direction direction) {
  switch (direction) {
    case Direction::For: return "for";
    case Direction::Against: return "against";
    case Direction::Conditional: return "conditional";
  }
  return "for";
}

std::optional<Direction> direction_from_string(std::string_view name) {
  if (name == "for") return Direction::For;
  if (name == "against") return Direction::Against;
  if (name == "conditional") return Direction::Conditional;
  return std::nullopt;
}

const char* to_string(LinkSource source) {
  switch (source) {
    case LinkSource::Cited: return "cited";
    case LinkSource::Curated: return "curated";
    case LinkSource::Inferred: return "inferred";
  }
  return "inferred";
}

std::optional<LinkSource> link_source_from_string(std::string_view name) {
  if (name == "cited") return LinkSource::Cited;
  if (name == "curated") return LinkSource::Curated;
  if (name == "inferred") return LinkSource::Inferred;
  return std::nullopt;
}

const char* to_string(Stance stance) {
  switch (stance) {
    case Stance::Supports: return "supports";
    case Stance::Against: return "against";
    case Stance::Context: return "context";
  }
  return "context";
}

std::optional<Stance> stance_from_string(std::string_view name) {
  if (name == "supports") return Stance::Supports;
  if (name == "against") return Stance::Against;
  if (name == "context") return Stance::Context;
  return std::nullopt;
}

}  // namespace kb
